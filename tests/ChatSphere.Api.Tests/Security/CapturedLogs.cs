using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace ChatSphere.Api.Tests.Security;

/// <summary>A Serilog sink the test host registers as a service: keeps every event the API logs.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public static string? Text(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var scalar } ? scalar?.ToString() : null;
}
