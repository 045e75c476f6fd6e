using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Auth;

/// <summary>Authentication (JWT or API key, chosen by the token's shape) and the authorisation services.</summary>
public static class ChatSphereAuthExtensions
{
    public const string Scheme = "ChatSphere";
    public const string UserPolicy = "User";

    public static void AddChatSphereAuth(this WebApplicationBuilder builder, ChatSphereTopology topology)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(TokenOptions.Section);
        services.AddOptions<TokenOptions>().Bind(section);
        var signingKey = SigningKeys.Resolve(section.Get<TokenOptions>() ?? new TokenOptions(), topology);

        services.AddChatSphereAccounts(builder.Configuration);
        services.AddSingleton(signingKey);
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<WorkspaceAuthorizer>();
        services.AddChatSphereEmail(builder.Configuration, topology);
        services.AddSingleton<AccountEmails>();
        services.TryAddSingleton(new DemoWorkspace(Adoptable: false));
        services.AddSingleton<ApiKeyConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyConnections>());

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "JWT or API key", o => o.ForwardDefaultSelector = http =>
                BearerTokens.IsApiKey(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = BearerTokens.Find(context.Request);
                        return Task.CompletedTask;
                    },
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        return AuthProblems.UnauthorizedAsync(context.HttpContext);
                    },
                    OnForbidden = context => AuthProblems.ForbiddenAsync(context.HttpContext),
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokens>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());

        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, p => p.RequireAuthenticatedUser().RequireClaim(ChatSphereClaims.UserId));
    }

    /// <summary>Authentication, then authorisation. Hub connections that present a credential which does not
    /// authenticate are refused (401) rather than let in as anonymous visitors.</summary>
    public static void UseChatSphereAuth(this WebApplication app)
    {
        app.UseAuthentication();
        // Not async: a hub connection's request lasts as long as the connection, and an awaiting frame here would too.
        app.Use((http, next) =>
            http.Request.Path.StartsWithSegments(BearerTokens.HubPathPrefix) && BearerTokens.Present(http.Request)
            && http.User.Identity?.IsAuthenticated != true
                ? AuthProblems.UnauthorizedAsync(http)
                : next(http));
        app.UseAuthorization();
    }
}
