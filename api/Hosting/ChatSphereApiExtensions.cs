using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.Api.Apis;
using ChatSphere.Api.Demo;
using ChatSphere.Api.Errors;
using ChatSphere.Api.Realtime;
using ChatSphere.Api.Visitors;
using ChatSphere.Api.Widget;
using ChatSphere.Silo.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;
using Serilog;
using StackExchange.Redis;

namespace ChatSphere.Api.Hosting;

/// <summary>The API's set-up steps, in the order Program.cs calls them.</summary>
public static class ChatSphereApiExtensions
{
    /// <summary>JSON request bodies larger than this are refused with 413.</summary>
    public const long MaxJsonBodyBytes = 1024 * 1024;

    public static void AddChatSphereLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter()));
    }

    /// <summary>The cluster connection (a co-hosted silo or a client), and everything the endpoints use.</summary>
    public static ChatSphereTopology AddChatSphereApi(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("ChatSphere:Api:Mode", ApiMode.Cohosted);
        var topology = mode == ApiMode.Client ? builder.AddChatSphereClient() : builder.AddChatSphereSilo();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxJsonBodyBytes);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddOpenApi();

        var signalR = builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 64 * 1024;
            o.EnableDetailedErrors = false;
        }).AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        if (topology.RedisConnectionString is { } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("chatsphere"));
        }

        // Visitor tokens must read the same on every API node: they share one key ring.
        builder.Services.AddDataProtection()
            .SetApplicationName("ChatSphere")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["ChatSphere:KeysPath"] is { Length: > 0 } keys
                ? keys
                : Path.Combine(topology.DataPath, "keys")));

        builder.Services.AddSingleton<ConversationFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConversationFeed>());
        builder.Services.AddSingleton<ConversationStreams>();
        builder.Services.AddSingleton<VisitorTokens>();
        builder.Services.AddChatSphereWidget();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Grains.Telemetry.ChatMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting",
                "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);

        if (mode == ApiMode.Cohosted && builder.Configuration.GetValue("ChatSphere:Demo:Enabled", !topology.IsCluster))
        {
            builder.Services.AddHostedService<DemoBotSeeder>();
        }

        builder.Services.AddHostedService<StartupBanner>();
        return topology;
    }

    public static WebApplication MapChatSphereApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("ChatSphere API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        app.MapChatbotsApi();
        app.MapSourcesApi();
        app.MapConversationsApi();
        app.MapChatApi();
        app.MapHub<ChatHub>("/hubs/chat", o => o.AllowStatefulReconnects = true);
        app.MapChatSphereWidget();
        return app;
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
