using System.Net;
using System.Net.Http.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>An API host configured with one OpenID Connect provider: the test issuer on loopback.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();

    public TestOidcIssuer Issuer { get; private set; } = null!;

    public RecordingEmailSender Emails { get; } = new();

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Auth:Oidc:Providers:test:Authority"] = Issuer.Issuer,
            ["ChatSphere:Auth:Oidc:Providers:test:ClientId"] = Issuer.ClientId,
            ["ChatSphere:Auth:Oidc:Providers:test:ClientSecret"] = Issuer.ClientSecret,
            ["ChatSphere:Auth:Oidc:Providers:test:DisplayName"] = "Test IdP",
            ["ChatSphere:Auth:Oidc:Providers:test:RequireHttpsMetadata"] = "false",
            ["ChatSphere:Auth:Oidc:AllowedReturnUrls:0"] = "https://dashboard.example.com/",
        }, services =>
        {
            services.RemoveAll<ChatSphere.Api.Auth.IEmailSender>();
            services.AddSingleton<ChatSphere.Api.Auth.IEmailSender>(Emails);
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class OidcSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task A_new_person_signs_up_through_the_provider_with_pkce_and_signs_in_again_as_the_same_user()
    {
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        var email = $"oidc-{Guid.NewGuid():N}@example.com";
        fixture.Issuer.NextUser = new OidcTestUser(subject, email, EmailVerified: true, "Ada Lovelace");

        var first = await SignInAsync("/app/home");
        Assert.Equal("/app/home", first.Path);
        var me = await MeAsync(first.AccessToken);
        Assert.Equal((email, "Ada Lovelace", true), (me.Email, me.Name, me.EmailVerified));
        Assert.NotNull(me.Workspaces.SingleOrDefault());

        var tokenRequest = fixture.Issuer.TokenRequests.Last();
        Assert.Equal(43, tokenRequest["code_verifier"].Length);

        var again = await SignInAsync("/app");
        Assert.Equal(me.Id, (await MeAsync(again.AccessToken)).Id);

        // Without a return address the tokens come back as JSON, in the shape of a password sign-in.
        var json = await SignInForJsonAsync();
        Assert.Equal(me.Id, json.User.Id);
        Assert.False(string.IsNullOrEmpty(json.RefreshToken));
    }

    [Fact]
    public async Task A_verified_address_links_to_the_existing_account_and_an_unverified_one_is_refused()
    {
        using var owner = await fixture.Host.RegisterAsync();
        fixture.Issuer.NextUser = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N"), owner.Email.ToUpperInvariant(), EmailVerified: false, "Owner");
        var (refused, _) = await FollowToCallbackAsync("/app");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        fixture.Issuer.NextUser = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N"), owner.Email, EmailVerified: true, "Owner");
        var linked = await SignInAsync("/app");
        var me = await MeAsync(linked.AccessToken);
        Assert.Equal(owner.Id, me.Id);
        Assert.True(me.EmailVerified);

        // The account's address was never proved, so whoever registered it need not be the owner: their password goes.
        using var login = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = owner.Email, password = owner.Password }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task A_provider_verified_sign_in_takes_an_unverified_account_from_whoever_registered_the_address()
    {
        // Someone registers the victim's address before the victim ever signs up, and keeps a session.
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        using var squatter = await fixture.Host.RegisterAsync(victim);
        using (var reset = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/password-reset", new { email = victim }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
        }

        var resetToken = fixture.Emails.TokenFor(victim, "password-reset");

        fixture.Issuer.NextUser = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N"), victim, EmailVerified: true, "Victim");
        var signedIn = await SignInAsync("/app");
        Assert.Equal(squatter.Id, (await MeAsync(signedIn.AccessToken)).Id);

        using var password = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = victim, password = squatter.Password }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, password.StatusCode);
        using var refresh = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = squatter.RefreshToken }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        // A reset link asked for before the takeover is dead too.
        using var staleReset = await fixture.Host.Http.PostAsJsonAsync(
            "api/v1/auth/password-reset/confirm", new { token = resetToken, newPassword = "a brand new password" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.BadRequest, staleReset.StatusCode);

        // The provider's own session goes on.
        using var own = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = signedIn.RefreshToken }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var audit = await AuditActionsAsync(signedIn.AccessToken, squatter.WorkspaceId);
        Assert.Contains("auth.unverified_account_claimed", audit);
    }

    [Fact]
    public async Task A_verified_account_keeps_its_password_and_sessions_when_a_provider_links_to_it()
    {
        using var owner = await fixture.Host.RegisterAsync();
        using (var verify = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/verify-email",
            new { token = fixture.Emails.TokenFor(owner.Email, "email-verification") }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.NoContent, verify.StatusCode);
        }

        fixture.Issuer.NextUser = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N"), owner.Email, EmailVerified: true, "Owner");
        Assert.Equal(owner.Id, (await MeAsync((await SignInAsync("/app")).AccessToken)).Id);

        using var login = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = owner.Email, password = owner.Password }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var refresh = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = owner.RefreshToken }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    private async Task<IReadOnlyList<string>> AuditActionsAsync(string accessToken, string workspaceId)
    {
        using var http = fixture.Host.Client(accessToken);
        var page = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/workspaces/{workspaceId}/audit-log", ApiHost.Json);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray();
    }

    [Fact]
    public async Task Forged_state_unknown_providers_and_foreign_return_addresses_are_refused()
    {
        using var http = NoRedirects(fixture.Host.BaseAddress);
        using (var providers = await http.GetAsync("api/v1/auth/oidc/providers"))
        {
            var list = (await providers.Content.ReadFromJsonAsync<List<ProviderDto>>(ApiHost.Json))!;
            Assert.Equal(("test", "Test IdP"), (list.Single().Name, list.Single().DisplayName));
        }

        using var unknown = await http.GetAsync("api/v1/auth/oidc/nobody/start");
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        using var evil = await http.GetAsync("api/v1/auth/oidc/test/start?returnUrl=" + Uri.EscapeDataString("https://evil.example/steal"));
        Assert.Contains("returnUrl", (await evil.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var protocolRelative = await http.GetAsync("api/v1/auth/oidc/test/start?returnUrl=" + Uri.EscapeDataString("//evil.example"));
        Assert.Contains("returnUrl", (await protocolRelative.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var allowed = await http.GetAsync("api/v1/auth/oidc/test/start?returnUrl=" + Uri.EscapeDataString("https://dashboard.example.com/callback"));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);

        using var forged = await http.GetAsync("api/v1/auth/oidc/test/callback?code=abc&state=made-up");
        Assert.Contains("state", (await forged.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);

        // A real state with a code the provider never issued: the exchange fails, nobody is signed in.
        var start = await http.GetAsync("api/v1/auth/oidc/test/start");
        var state = HttpUtility.ParseQueryString(start.Headers.Location!.Query)["state"]!;
        using var badCode = await http.GetAsync($"api/v1/auth/oidc/test/callback?code=not-issued&state={Uri.EscapeDataString(state)}");
        Assert.Contains("code", (await badCode.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    private async Task<SignedIn> SignInAsync(string returnUrl)
    {
        var (callback, _) = await FollowToCallbackAsync(returnUrl);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        var location = callback.Headers.Location!;
        var fragment = HttpUtility.ParseQueryString(location.OriginalString[(location.OriginalString.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("Bearer", fragment["token_type"]);
        return new SignedIn(location.OriginalString.Split('#')[0], fragment["access_token"]!, fragment["refresh_token"]!);
    }

    private async Task<AuthDto> SignInForJsonAsync()
    {
        var (callback, _) = await FollowToCallbackAsync(null);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        return (await callback.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!;
    }

    /// <summary>What a browser does: start here, follow the redirect to the provider, which signs in and sends it back.</summary>
    private async Task<(HttpResponseMessage Callback, Uri Authorize)> FollowToCallbackAsync(string? returnUrl)
    {
        using var api = NoRedirects(fixture.Host.BaseAddress);
        using var start = await api.GetAsync("api/v1/auth/oidc/test/start" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(("code", "S256"), (query["response_type"], query["code_challenge_method"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));

        using var provider = NoRedirects(new Uri(fixture.Issuer.Issuer));
        using var approved = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        return (await api.GetAsync(approved.Headers.Location!), authorize);
    }

    private async Task<MeDto> MeAsync(string accessToken)
    {
        using var http = fixture.Host.Client(accessToken);
        return (await http.GetFromJsonAsync<MeDto>("api/v1/me", ApiHost.Json))!;
    }

    private static HttpClient NoRedirects(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private sealed record SignedIn(string Path, string AccessToken, string RefreshToken);

    private sealed record ProviderDto(string Name, string DisplayName, string StartUrl);
}
