using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Compact;

namespace ChatSphere.Silo.Hosting;

public static class ChatSphereLogging
{
    /// <summary>
    /// Serilog for the program (<see cref="AddChatSphereSerilog"/>). Each event written inside a span carries its trace and
    /// span ids (<c>@tr</c>, <c>@sp</c> in the JSON lines), so a log line leads to its trace.
    /// </summary>
    public static IHostApplicationBuilder AddChatSphereLogging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddChatSphereSerilog(builder.Configuration);
        return builder;
    }

    /// <summary>Serilog as the only logger, structured JSON on the console, configured from the "Serilog" section.</summary>
    public static IServiceCollection AddChatSphereSerilog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(configuration)
            // Sinks, enrichers and filters registered as services join the configured ones (tests capture events so).
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter()));

        var serilogFactory = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        var createInner = serilogFactory.ImplementationFactory
            ?? throw new InvalidOperationException("Serilog registered its logger factory in an unexpected way.");
        services.Remove(serilogFactory);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory((ILoggerFactory)createInner(sp)));
        return services;
    }
}
