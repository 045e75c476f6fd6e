using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>
/// Secure by construction: every route of the running API requires an authenticated caller, except the ones listed
/// here on purpose (sign-in itself, widget visitors, the public widget files, operator probes, a signed payment
/// callback). A new route without authorisation fails this test until it is secured or added here with a reason.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class EndpointSecurityTests(EmbeddedApiFixture fixture)
{
    private static readonly string[] PublicRoutes =
    [
        "/api/v1/auth/",                             // sign-up, sign-in, tokens, resets: anyone (rate limited per address)
        "/api/v1/chat/{botId}/messages",             // widget visitors (Origin checked); credentials, when sent, are checked
        "/api/v1/chat/{botId}/conversations/{conversationId}/email", // the visitor's email after an offline handoff: needs the conversation's visitor token
        "/api/v1/widget/{botId}/config",             // the widget's public look, no secrets
        "/api/v1/billing/notifications/{provider}",  // the payment provider's callback, verified by its signature
        "/hubs/chat",                                // widget visitors; members and keys are checked per method
        "/health/", "/metrics", "/openapi/", "/api/docs", "/demo", "/widget",
        "/{*path:nonfile}",                          // the dashboard's index.html for its deep links (no data; it signs in through the API)
    ];

    [Fact]
    public void Every_route_needs_a_caller_unless_it_is_public_on_purpose()
    {
        var routes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), e.Metadata))
            .ToArray();
        Assert.True(routes.Length > 60, $"Only {routes.Length} routes were found.");

        var unsecured = routes
            .Where(r => r.Metadata.GetMetadata<IAllowAnonymous>() is not null || !r.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(r => r.Pattern)
            .Where(pattern => !PublicRoutes.Any(pattern.StartsWith))
            .Distinct()
            .ToArray();

        Assert.Empty(unsecured);
    }
}
