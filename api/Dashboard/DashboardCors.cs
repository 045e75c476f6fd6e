using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Dashboard;

/// <summary>Where the dashboard may be served from besides this API's own origin (a CDN deployment).</summary>
public sealed class DashboardCorsOptions
{
    public const string Section = "ChatSphere:Dashboard:AllowedOrigins";

    /// <summary>Origins (scheme://host[:port]) allowed to call the API with credentials. Empty: no CORS headers at all.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}

/// <summary>
/// The dashboard deployed on its own origin (static files on a CDN, <c>config.js</c> pointing <c>apiBaseUrl</c> here):
/// the API answers that origin's requests, preflights and SignalR negotiations with CORS headers that allow credentials,
/// so the access token header, the refresh cookie and the hub connection all work. Only the origins configured in
/// <c>ChatSphere:Dashboard:AllowedOrigins</c> (an array, or one comma-separated string) are allowed; with none the API
/// sends no CORS headers. The refresh cookie is SameSite=Strict: the dashboard's origin must be on the same site as the
/// API (the same registrable domain, e.g. app.example.com and api.example.com); docs/dashboard.md explains why.
/// </summary>
public static class DashboardCors
{
    public const string PolicyName = "dashboard";

    /// <summary>Headers the dashboard reads from cross-origin answers (rate limits, created resources, downloads).</summary>
    private static readonly string[] ExposedHeaders = ["Retry-After", "Location", "Content-Disposition"];

    public static IServiceCollection AddChatSphereDashboardCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardCorsOptions>()
            .Configure(o =>
            {
                var section = configuration.GetSection(DashboardCorsOptions.Section);
                foreach (var value in section.GetChildren().Select(c => c.Value).Append(section.Value)
                    .SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    o.AllowedOrigins.Add(value);
                }
            })
            .Validate(
                o => o.AllowedOrigins.All(v => Normalise(v) is not null),
                $"{DashboardCorsOptions.Section} must list origins only (scheme, host and port), such as https://app.example.com.")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DashboardCorsOptions>>((cors, dashboard) =>
            cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins([.. dashboard.Value.AllowedOrigins.Select(Normalise).OfType<string>().Distinct(StringComparer.Ordinal)])
                .AllowCredentials()
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>First in the pipeline, so preflights are answered before authentication and rate limits, and every answer
    /// (a ProblemDetails too) carries the headers the browser needs to let the dashboard read it. A request without an
    /// Origin header, or from an origin not listed, gets no CORS headers.</summary>
    public static WebApplication UseChatSphereDashboardCors(this WebApplication app)
    {
        app.UseCors(PolicyName);
        return app;
    }

    /// <summary>scheme://host[:port] in lower case, or null when <paramref name="value"/> is not an http(s) origin.</summary>
    public static string? Normalise(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
