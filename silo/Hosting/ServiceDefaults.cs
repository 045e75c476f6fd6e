using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// What every ChatSphere program sets up alike, the API node and the dedicated silo: logging, OpenTelemetry, health
/// checks, the shared data-protection key ring and the operator surfaces. Each program then adds its role
/// (<see cref="ChatSphereSiloExtensions.AddChatSphereSilo"/> or <see cref="ChatSphereClientExtensions.AddChatSphereClient"/>).
/// </summary>
public static class ServiceDefaults
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddChatSphereLogging();
        builder.AddChatSphereTelemetry();
        builder.AddChatSphereHealthChecks();
        builder.AddChatSphereDataProtection();
        builder.AddOperatorAccess();
        return builder;
    }

    /// <summary>Ready (<see cref="ReadyPath"/>) when a silo answers and reaches the database; live (<see cref="LivePath"/>) while the process serves.</summary>
    public static IHostApplicationBuilder AddChatSphereHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        return builder;
    }

    /// <summary>The shared key ring (<see cref="ChatSphereDataProtection"/>), placed as configuration says.</summary>
    public static IHostApplicationBuilder AddChatSphereDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddChatSphereDataProtection(builder.Configuration, ChatSphereTopology.From(builder.Configuration));
        return builder;
    }

    /// <summary>The endpoints every program serves: health, Prometheus metrics and (operators only) the Orleans dashboard.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapOperatorDashboard();
        return app;
    }
}
