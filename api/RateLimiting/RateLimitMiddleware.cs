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
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && IsSignInPath(context.Request.Path))
        {
            await limiter.CheckSignInAttemptAsync(context.Connection.RemoteIpAddress);
        }

        if (context.User.FindFirstValue(ChatSphereClaims.ApiKeyId) is { Length: > 0 } keyId
            && context.User.FindFirstValue(ChatSphereClaims.WorkspaceId) is { Length: > 0 } workspaceId)
        {
            await limiter.CheckApiKeyAsync(keyId, workspaceId);
        }

        await next(context);
    }

    private bool IsSignInPath(PathString path)
    {
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
