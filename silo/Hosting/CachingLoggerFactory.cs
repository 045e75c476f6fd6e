using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// Hands out one logger per category. ASP.NET Core and SignalR call <see cref="ILoggerFactory.CreateLogger"/> for every
/// connection, expecting the factory to cache by category as Microsoft's own factory does; Serilog's factory builds a
/// new logger (with its own property caches) on each call, which cost about 1.5 KB per idle widget connection.
/// Category names are type names, so the cache is bounded by the code, not by traffic.
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
