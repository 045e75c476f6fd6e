using ChatSphere.Api.Apis;

namespace ChatSphere.Api.Auth;

/// <summary>
/// The dashboard keeps its refresh token where no page script can read it. A request that says it comes from the
/// dashboard (<c>X-ChatSphere-Client: dashboard</c>) gets the refresh token as an httpOnly, SameSite=Strict cookie scoped
/// to <c>/api/v1/auth</c> (Secure over HTTPS) and the JSON without <c>refreshToken</c>; refresh and logout then read the
/// cookie, but only with that header too: a cross-site form or link cannot send it, so the cookie alone does nothing.
/// Every other client keeps the JSON API unchanged (the token in the body, and the body's token on refresh/logout).
/// </summary>
public static class DashboardSessionCookie
{
    public const string ClientHeader = "X-ChatSphere-Client";
    public const string ClientName = "dashboard";
    public const string CookieName = "chatsphere_refresh";
    public const string CookiePath = "/api/v1/auth";

    /// <summary>True when the request comes from the dashboard (the header, exactly).</summary>
    public static bool IsDashboard(HttpRequest request) =>
        string.Equals(request.Headers[ClientHeader].ToString(), ClientName, StringComparison.Ordinal);

    /// <summary>The session as this client gets it: for the dashboard the refresh token moves into the cookie.</summary>
    public static AuthResponse Deliver(HttpContext http, AuthResponse session) =>
        IsDashboard(http.Request) ? Deliver(http.Response, http.Request.IsHttps, session) : session;

    /// <summary>Sets the cookie and answers the session without its refresh token (also used where the client was
    /// named another way, as the OIDC sign-in does through its state).</summary>
    public static AuthResponse Deliver(HttpResponse response, bool secure, AuthResponse session)
    {
        response.Cookies.Append(CookieName, session.RefreshToken ?? "", Options(secure, session.RefreshTokenExpiresAt));
        response.Headers.CacheControl = "no-store";
        return session with { RefreshToken = null };
    }

    /// <summary>The refresh token of a refresh or logout: the body's when given, else the dashboard's cookie (only with
    /// the dashboard's header).</summary>
    public static string? RefreshToken(HttpRequest request, string? fromBody) =>
        !string.IsNullOrEmpty(fromBody) ? fromBody
        : IsDashboard(request) && request.Cookies.TryGetValue(CookieName, out var cookie) && cookie.Length > 0 ? cookie
        : null;

    /// <summary>Removes the cookie (sign-out), when the dashboard asked.</summary>
    public static void Clear(HttpContext http)
    {
        if (IsDashboard(http.Request))
        {
            http.Response.Cookies.Delete(CookieName, Options(http.Request.IsHttps, null));
        }
    }

    private static CookieOptions Options(bool secure, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
