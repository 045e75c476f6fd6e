using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>A provider sign-in started by the dashboard (client=dashboard) ends with the refresh cookie set and a
/// redirect that carries no token at all; the dashboard then refreshes from the cookie.</summary>
public sealed class DashboardOidcSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task The_callback_sets_the_cookie_and_redirects_without_tokens_in_the_URL()
    {
        var email = $"oidc-dash-{Guid.NewGuid():N}@example.com";
        fixture.Issuer.NextUser = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N"), email, EmailVerified: true, "Dora Dashboard");

        using var api = NoRedirects(fixture.Host.BaseAddress);
        using var start = await api.GetAsync("api/v1/auth/oidc/test/start?client=dashboard&returnUrl=" + Uri.EscapeDataString("/auth/callback?next=/chatbots"));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        using var provider = NoRedirects(new Uri(fixture.Issuer.Issuer));
        using var approved = await provider.GetAsync(start.Headers.Location!);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        using var callback = await api.GetAsync(approved.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/auth/callback?next=/chatbots", callback.Headers.Location!.OriginalString);
        var cookie = Assert.Single(callback.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("chatsphere_refresh=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var refresh = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/refresh") { Content = JsonContent.Create(new { }) };
        refresh.Headers.Add("X-ChatSphere-Client", "dashboard");
        refresh.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var refreshed = await api.SendAsync(refresh);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.False(body.TryGetProperty("refreshToken", out _));
    }

    [Fact]
    public async Task Without_the_dashboard_client_the_tokens_still_come_back_in_the_fragment()
    {
        fixture.Issuer.NextUser = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N"), $"oidc-app-{Guid.NewGuid():N}@example.com", EmailVerified: true, "App User");
        using var api = NoRedirects(fixture.Host.BaseAddress);
        using var start = await api.GetAsync("api/v1/auth/oidc/test/start?client=other&returnUrl=" + Uri.EscapeDataString("/app"));
        using var provider = NoRedirects(new Uri(fixture.Issuer.Issuer));
        using var approved = await provider.GetAsync(start.Headers.Location!);
        using var callback = await api.GetAsync(approved.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.False(callback.Headers.Contains("Set-Cookie"));
        var location = callback.Headers.Location!.OriginalString;
        var fragment = HttpUtility.ParseQueryString(location[(location.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        Assert.False(string.IsNullOrEmpty(fragment["refresh_token"]));
    }

    private static HttpClient NoRedirects(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
