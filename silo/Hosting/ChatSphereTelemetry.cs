using ChatSphere.GrainInterfaces;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every ChatSphere process: metrics (the grain-side meters, Orleans, ASP.NET Core, the runtime) for
/// <c>/metrics</c>, and, when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, traces and metrics over OTLP
/// (protocol, headers and the rest from the standard <c>OTEL_*</c> variables). Reference: docs/deployment.md, "Observability".
/// </summary>
public static class ChatSphereTelemetry
{
    /// <summary>The meters exported: the chat loop's (<see cref="ChatMetrics"/>), the models' (<see cref="GenerationMetrics"/>), Orleans' and ASP.NET Core's.</summary>
    public static readonly string[] Meters =
    [
        ChatMetrics.MeterName,
        GenerationMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    /// <summary>The activity sources traced: ChatSphere's own spans (<see cref="ChatTracing"/>) and Orleans' grain calls and storage.</summary>
    public static readonly string[] Sources =
    [
        ChatTracing.SourceName,
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
        "Microsoft.Orleans.Storage",
    ];

    /// <summary>
    /// True when traces are exported: an OTLP endpoint is configured. Without one no span is made at all (Orleans'
    /// activity propagation is off too), so the chat path pays nothing for tracing nobody collects.
    /// </summary>
    public static bool IsTracing(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    public static IHostApplicationBuilder AddChatSphereTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME (read by the SDK itself) names the process when set; the program's name otherwise.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(builder.Environment.ApplicationName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId);
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (IsTracing(builder.Configuration))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(Sources)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Probes and scrapes: not worth a trace each.</summary>
    private static bool IsOperational(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
