using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.Api.Apis;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Dashboard;
using ChatSphere.Api.Auth.Oidc;
using ChatSphere.Api.Apis.OpenAi;
using ChatSphere.Api.Demo;
using ChatSphere.Api.Errors;
using ChatSphere.Api.RateLimiting;
using ChatSphere.Api.Realtime;
using ChatSphere.Api.Validation;
using ChatSphere.Api.Visitors;
using ChatSphere.Api.Widget;
using ChatSphere.Silo.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Scalar.AspNetCore;
using Serilog;
using StackExchange.Redis;

namespace ChatSphere.Api.Hosting;

/// <summary>The API's set-up steps, in the order Program.cs calls them.</summary>
public static class ChatSphereApiExtensions
{
    /// <summary>JSON request bodies larger than this are refused with 413.</summary>
    public const long MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>
    /// The cluster connection (a co-hosted silo or a client), and everything the endpoints use. Logging, telemetry,
    /// health, data protection and operator access come first from <see cref="ServiceDefaults.AddServiceDefaults"/>.
    /// </summary>
    public static ChatSphereTopology AddChatSphereApi(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("ChatSphere:Api:Mode", ApiMode.Cohosted);
        var topology = mode == ApiMode.Client ? builder.AddChatSphereClient() : builder.AddChatSphereSilo();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxJsonBodyBytes);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            ConfigureJson(o.SerializerOptions);
            // Request bodies only: no stored text may hold control characters (PostgreSQL refuses NUL).
            o.SerializerOptions.Converters.Add(new ControlCharacterJsonConverter());
        });
        builder.Services.AddOpenApi(o =>
        {
            o.AddOperationTransformer<OpenApi.OpenApiContractTransformer>();
            o.AddDocumentTransformer<OpenApi.OpenApiContractTransformer>();
            o.AddSchemaTransformer<OpenApi.StringSchemaTransformer>();
        });

        var signalR = builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 64 * 1024;
            o.EnableDetailedErrors = false;
            o.AddFilter<ControlCharacterHubFilter>();
        }).AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        if (topology.RedisConnectionString is { } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("chatsphere"));
        }

        builder.Services.AddSingleton<ConversationFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConversationFeed>());
        builder.Services.AddSingleton<ConversationStreams>();
        builder.Services.AddSingleton<DashboardFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardFeed>());
        builder.Services.AddLiveOperations();
        builder.Services.Configure<VisitorTokenOptions>(builder.Configuration.GetSection(VisitorTokenOptions.Section));
        builder.Services.AddSingleton<VisitorTokens>();
        builder.Services.Configure<EmbeddingsOptions>(builder.Configuration.GetSection(EmbeddingsOptions.Section));
        builder.Services.AddSingleton<EmbeddingsGate>();
        builder.Services.AddSingleton<Audit.AuditTrail>();
        builder.AddChatSphereLimits();
        builder.Services.AddChatSphereWidget();
        builder.Services.AddChatSphereDashboardCors(builder.Configuration);

        if (mode == ApiMode.Cohosted && builder.Configuration.GetValue("ChatSphere:Demo:Enabled", !topology.IsCluster))
        {
            builder.Services.AddHostedService<DemoBotSeeder>();
            builder.Services.AddSingleton(new DemoWorkspace(Adoptable: true));
        }

        builder.AddChatSphereAuth(topology);
        builder.Services.AddChatSphereOidc(builder.Configuration);

        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.SkipStartupWork();
        return topology;
    }

    public static WebApplication MapChatSphereApi(this WebApplication app)
    {
        app.UseChatSphereDashboardCors();
        // A WebSocket request lasts as long as its widget connection: these three would each hold an awaiting frame
        // for its whole life (about 0.7 KB per idle connection) and have nothing to add to it, since SignalR answers
        // hub errors itself and a request log line written when a connection closes after hours helps nobody.
        // The request log sits outside the exception handler, so it records the status the client got: a mapped 4xx
        // is an Information line with its real status, and only a real 500 is an Error (with the exception handler's
        // own Error line carrying the stack trace).
        // This host's own logger, not Serilog's static one: with several hosts in one process (the tests) the static
        // logger is whichever host started last.
        var requestLogger = app.Services.GetService<Serilog.ILogger>();
        app.UseWhen(context => !IsWebSocketUpgrade(context.Request), requests =>
        {
            requests.UseSerilogRequestLogging(o =>
            {
                o.GetLevel = RequestLogLevel;
                o.Logger = requestLogger;
            });
            requests.UseExceptionHandler();
            requests.UseStatusCodePages();
        });
        app.UseControlCharacterChecks();
        app.UseChatSphereAuth();
        // After authentication (it reads the API key's claims).
        app.UseChatSphereRateLimits();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("ChatSphere API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        app.MapChatbotsApi();
        app.MapSourcesApi();
        app.MapConversationsApi();
        app.MapReplyDetailsApi();
        app.MapChatApi();
        app.MapAuditApi();
        app.MapAuthApi();
        app.MapOidcApi();
        app.MapMeApi();
        app.MapWorkspacesApi();
        app.MapMembersApi();
        app.MapInvitationsApi();
        app.MapApiKeysApi();
        app.MapUsageApi();
        app.MapBillingApi();
        app.MapModelsApi();
        app.MapOpenAiApi();
        // A connection opened with an access token closes when the token expires: the client reconnects with a fresh one, so
        // access is re-checked at least once per token lifetime (removed members, changed roles).
        app.MapHub<ChatHub>("/hubs/chat", o =>
        {
            o.AllowStatefulReconnects = true;
            o.CloseOnAuthenticationExpiration = true;
        });
        app.MapHub<DashboardHub>("/hubs/dashboard", o => o.CloseOnAuthenticationExpiration = true);
        app.MapChatSphereWidget();
        // Last: its fallback answers every path no other endpoint took.
        app.MapChatSphereDashboard();
        return app;
    }

    /// <summary>Server errors at Error, client errors and everything else at Information; an exception that escaped every handler is an Error.</summary>
    internal static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError
            ? Serilog.Events.LogEventLevel.Error
            : Serilog.Events.LogEventLevel.Information;

    // HttpContext.WebSockets only knows once the hub's own WebSocket middleware has run, so read the handshake.
    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
        || HttpMethods.IsConnect(request.Method) && request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.Protocol == "websocket";

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
