using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>
/// The dashboard's refresh token is an httpOnly, SameSite=Strict cookie on /api/v1/auth that page scripts never see:
/// set on the dashboard's sign-up, sign-in and refresh (X-ChatSphere-Client: dashboard) with no refreshToken in the
/// JSON; read by refresh and logout only together with that header; every other client keeps the JSON API unchanged.
/// </summary>
[Collection(AccountsApiCollection.Name)]
public sealed class DashboardSessionCookieTests(AccountsApiFixture fixture)
{
    private const string Header = "X-ChatSphere-Client";

    [Fact]
    public async Task Dashboard_sign_up_sets_an_httpOnly_strict_cookie_and_leaves_the_token_out_of_the_body()
    {
        using var http = Client();
        using var response = await Send(http, "register", new { email = NewEmail(), password = TestAccounts.Password, name = "Dash" }, dashboard: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _), "The refresh token must not reach page scripts.");
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("chatsphere_refresh=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/v1/auth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP here (loopback): Secure is set only over HTTPS, where browsers would otherwise drop it.
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_cookie_refreshes_with_the_header_rotates_and_a_spent_one_is_refused()
    {
        using var user = await fixture.Host.RegisterAsync();
        using var http = Client();
        using var login = await Send(http, "login", new { email = user.Email, password = user.Password }, dashboard: true);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var first = CookieOf(login);

        using var refreshed = await Send(http, "refresh", new { }, dashboard: true, cookie: first);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Equal(user.Id, body.GetProperty("user").GetProperty("id").GetString());
        var second = CookieOf(refreshed);
        Assert.NotEqual(first, second);

        // The new access token works.
        using var me = fixture.Host.Client(body.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("api/v1/me")).StatusCode);

        // The first cookie is spent: presenting it again is a replay, and ends the family (the second one too).
        using var replay = await Send(http, "refresh", new { }, dashboard: true, cookie: first);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        using var after = await Send(http, "refresh", new { }, dashboard: true, cookie: second);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task The_cookie_without_the_header_does_nothing()
    {
        using var user = await fixture.Host.RegisterAsync();
        using var http = Client();
        using var login = await Send(http, "login", new { email = user.Email, password = user.Password }, dashboard: true);
        var cookie = CookieOf(login);

        // A cross-site form could carry a cookie (were it not Strict) but never the header.
        using var refused = await Send(http, "refresh", new { }, dashboard: false, cookie: cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var logout = await Send(http, "logout", new { }, dashboard: false, cookie: cookie);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        // Neither spent nor ended the session: the dashboard's own refresh still works.
        using var ok = await Send(http, "refresh", new { }, dashboard: true, cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Dashboard_logout_ends_the_session_and_deletes_the_cookie()
    {
        using var user = await fixture.Host.RegisterAsync();
        using var http = Client();
        using var login = await Send(http, "login", new { email = user.Email, password = user.Password }, dashboard: true);
        var cookie = CookieOf(login);

        using var logout = await Send(http, "logout", new { }, dashboard: true, cookie: cookie);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var deleted = Assert.Single(logout.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("chatsphere_refresh=;", deleted, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", deleted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/v1/auth", deleted, StringComparison.OrdinalIgnoreCase);

        using var refused = await Send(http, "refresh", new { }, dashboard: true, cookie: cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Other_clients_keep_the_token_in_the_JSON_and_get_no_cookie()
    {
        using var user = await fixture.Host.RegisterAsync();
        using var http = Client();
        using var login = await Send(http, "login", new { email = user.Email, password = user.Password }, dashboard: false);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("refreshToken").GetString();
        Assert.False(string.IsNullOrEmpty(token));

        // The body's token works with or without the header (a dashboard header does not change the body's meaning).
        using var refreshed = await Send(http, "refresh", new { refreshToken = token }, dashboard: false);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()));
        Assert.False(refreshed.Headers.Contains("Set-Cookie"));
    }

    private HttpClient Client() =>
        new(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static string NewEmail() => $"dash-{Guid.NewGuid():N}@example.com";

    private static async Task<HttpResponseMessage> Send(HttpClient http, string action, object body, bool dashboard, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/auth/{action}") { Content = JsonContent.Create(body) };
        if (dashboard)
        {
            request.Headers.Add(Header, "dashboard");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"chatsphere_refresh={cookie}");
        }

        return await http.SendAsync(request);
    }

    /// <summary>The refresh cookie's value from a response's Set-Cookie.</summary>
    private static string CookieOf(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var value = header.Split(';')[0]["chatsphere_refresh=".Length..];
        Assert.False(string.IsNullOrEmpty(value));
        return value;
    }
}
