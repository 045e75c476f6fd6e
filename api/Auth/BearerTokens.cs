using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Auth;

/// <summary>Where a request's credential is: the <c>Authorization: Bearer</c> header, or for hub connections the
/// <c>access_token</c> query parameter (browsers cannot set headers on WebSockets).</summary>
public static class BearerTokens
{
    public const string HubPathPrefix = "/hubs";

    public static string? Find(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments(HubPathPrefix) && request.Query["access_token"].ToString() is { Length: > 0 } token ? token : null;
    }

    /// <summary>True when the request carries some credential (valid or not).</summary>
    public static bool Present(HttpRequest request) => Find(request) is not null || request.Headers.Authorization.Count > 0;

    public static bool IsApiKey(HttpRequest request) => ApiKeyTokens.LooksLikeApiKey(Find(request));
}
