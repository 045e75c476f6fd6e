using System.Security.Claims;
using ChatSphere.Api.Auth;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.RateLimiting;

/// <summary>
/// Rate limits that apply by request rather than by endpoint: POSTs under the sign-in paths per client address, and
/// every request made with an API key per key (by the key's plan). Must run after authentication, which puts the key's
/// claims on the request.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RateLimitChecks limiter, IOptions<RateLimitOptions> options)
{
    /// <summary>Not async when nothing is limited: a hub connection's request lasts as long as the connection, and an
    /// awaiting frame here would too.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var signIn = HttpMethods.IsPost(context.Request.Method) && IsSignInPath(context.Request.Path);
        var keyId = context.User.FindFirstValue(ChatSphereClaims.ApiKeyId);
        var workspaceId = context.User.FindFirstValue(ChatSphereClaims.WorkspaceId);
        var byKey = !string.IsNullOrEmpty(keyId) && !string.IsNullOrEmpty(workspaceId);
        return signIn || byKey ? CheckedAsync(context, signIn, byKey ? (keyId!, workspaceId!) : null) : next(context);
    }

    private async Task CheckedAsync(HttpContext context, bool signIn, (string KeyId, string WorkspaceId)? key)
    {
        if (signIn)
        {
            await limiter.CheckSignInAttemptAsync(context.Connection.RemoteIpAddress);
        }

        if (key is { } byKey)
        {
            await limiter.CheckApiKeyAsync(byKey.KeyId, byKey.WorkspaceId);
        }

        await next(context);
    }

    private bool IsSignInPath(PathString path)
    {
        foreach (var exempt in options.Value.NotSignInPaths)
        {
            if (path.StartsWithSegments(exempt, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var prefix in options.Value.AuthPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
