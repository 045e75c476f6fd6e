using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// Surfaces for the people who run a deployment, not for workspaces: the Orleans dashboard at <see cref="DashboardPath"/>.
/// They exist only when <c>ChatSphere:Operators:Token</c> is set, and answer only that secret (as a bearer token, or
/// as the password of HTTP Basic so a browser can ask for it); anonymous callers and workspace users get 401.
/// </summary>
public static class OperatorAccess
{
    public const string Section = "ChatSphere:Operators";
    public const string Scheme = "Operator";
    public const string Policy = "operator";
    public const string Role = "operator";
    public const string DashboardPath = "/orleans";

    /// <summary>Shortest operator secret accepted (a guessable one would open the cluster's insides).</summary>
    public const int MinTokenLength = 32;

    /// <summary>True when an operator secret is configured (and so the Orleans dashboard is served); throws when it is too short.</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var token = configuration[Section + ":Token"];
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        return token.Length >= MinTokenLength
            ? true
            : throw new InvalidOperationException($"{Section}:Token must be at least {MinTokenLength} characters (a random secret, e.g. `openssl rand -base64 32`).");
    }

    /// <summary>The operator authentication scheme and policy (harmless when no secret is configured: nobody passes).</summary>
    public static IHostApplicationBuilder AddOperatorAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<OperatorOptions>(builder.Configuration.GetSection(Section));
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Role));
        return builder;
    }

    /// <summary>The Orleans dashboard's pages and API, for operators only; nothing when no operator secret is configured.</summary>
    public static IEndpointRouteBuilder MapOperatorDashboard(this IEndpointRouteBuilder endpoints)
    {
        if (IsEnabled(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            endpoints.MapOrleansDashboard(DashboardPath).RequireAuthorization(Policy);
        }

        return endpoints;
    }
}

/// <summary><c>ChatSphere:Operators</c>.</summary>
public sealed class OperatorOptions
{
    /// <summary>The operators' shared secret; unset means no operator surface is served.</summary>
    public string? Token { get; set; }
}
