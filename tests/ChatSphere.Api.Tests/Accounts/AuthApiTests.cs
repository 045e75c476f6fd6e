using System.Net;
using System.Net.Http.Json;

namespace ChatSphere.Api.Tests.Accounts;

[Collection(AccountsApiCollection.Name)]
public sealed class AuthApiTests(AccountsApiFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Register_creates_a_user_with_an_owned_workspace_and_login_returns_the_same_shape()
    {
        var email = $"Ann-{Guid.NewGuid():N}@Example.com";
        using var user = await Host.RegisterAsync(email, "Ann");

        var me = await user.Http.GetFromJsonAsync<MeDto>("api/v1/me", ApiHost.Json);
        Assert.Equal(user.Id, me!.Id);
        Assert.Equal("Ann", me.Name);
        Assert.False(me.EmailVerified);
        var workspace = Assert.Single(me.Workspaces);
        Assert.Equal(user.WorkspaceId, workspace.Id);
        Assert.Equal("owner", workspace.Role);
        Assert.Equal(user.Id, workspace.OwnerId);

        // The address is compared case-insensitively.
        var login = await LoginAsync(email.ToLowerInvariant(), TestAccounts.Password);
        Assert.Equal(user.Id, login.User.Id);
        Assert.Equal(user.WorkspaceId, login.Workspace!.Id);
        Assert.Equal("Bearer", login.TokenType);
        Assert.Equal(900, login.ExpiresIn);
    }

    [Fact]
    public async Task Refresh_rotates_and_a_spent_token_presented_again_revokes_its_whole_family()
    {
        using var user = await Host.RegisterAsync();
        var session = await LoginAsync(user.Email, user.Password);

        var second = await RefreshAsync(session.RefreshToken);
        Assert.NotEqual(session.RefreshToken, second.RefreshToken);
        Assert.Equal(user.Id, second.User.Id);
        var third = await RefreshAsync(second.RefreshToken);

        // The first token is spent: presenting it again is theft or replay, and ends the family...
        await RefuseRefreshAsync(session.RefreshToken);
        // ...including its newest token.
        await RefuseRefreshAsync(third.RefreshToken);

        // Another session (the one from sign-up) is a different family and lives on.
        var other = await RefreshAsync(user.RefreshToken);
        using var http = Host.Client(other.AccessToken);
        using var me = await http.GetAsync("api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session_of_the_refresh_token()
    {
        using var user = await Host.RegisterAsync();
        var session = await LoginAsync(user.Email, user.Password);
        using (var logout = await Host.Http.PostAsJsonAsync("api/v1/auth/logout", new { refreshToken = session.RefreshToken }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await RefuseRefreshAsync(session.RefreshToken);
        await RefreshAsync(user.RefreshToken);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var user = await Host.RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = user.Email, password = "wrong password " + i }, ApiHost.Json);
            await wrong.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var locked = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = user.Email, password = user.Password }, ApiHost.Json);
        await locked.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // A reset proves the owner and clears the lockout.
        await RequestResetAsync(user.Email);
        await ConfirmResetAsync(fixture.Emails.TokenFor(user.Email, "password-reset"), "a brand new secret");
        await LoginAsync(user.Email, "a brand new secret");
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_answer_alike()
    {
        using var user = await Host.RegisterAsync();
        using var unknown = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = "nobody-" + Guid.NewGuid().ToString("N") + "@example.com", password = "whatever you like" }, ApiHost.Json);
        using var wrong = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = user.Email, password = "whatever you like" }, ApiHost.Json);
        var a = await unknown.ProblemAsync(HttpStatusCode.Unauthorized);
        var b = await wrong.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(a.Detail, b.Detail);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session()
    {
        using var user = await Host.RegisterAsync();
        var other = await LoginAsync(user.Email, user.Password);

        using (var wrongCurrent = await user.Http.PostAsJsonAsync("api/v1/me/password", new { currentPassword = "not it at all", newPassword = "changed password" }, ApiHost.Json))
        {
            var problem = await wrongCurrent.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("currentPassword", problem.Errors!.Keys);
        }

        using var change = await user.Http.PostAsJsonAsync("api/v1/me/password", new { currentPassword = user.Password, newPassword = "changed password" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var fresh = (await change.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!;

        await RefuseRefreshAsync(user.RefreshToken);
        await RefuseRefreshAsync(other.RefreshToken);
        await RefreshAsync(fresh.RefreshToken);
        using var old = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = user.Email, password = user.Password }, ApiHost.Json);
        await old.ProblemAsync(HttpStatusCode.Unauthorized);
        await LoginAsync(user.Email, "changed password");
    }

    [Fact]
    public async Task Reset_and_verification_tokens_work_once()
    {
        using var user = await Host.RegisterAsync();

        var verification = fixture.Emails.TokenFor(user.Email, "email-verification");
        using (var verify = await Host.Http.PostAsJsonAsync("api/v1/auth/verify-email", new { token = verification }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.NoContent, verify.StatusCode);
        }

        using (var again = await Host.Http.PostAsJsonAsync("api/v1/auth/verify-email", new { token = verification }, ApiHost.Json))
        {
            Assert.Contains("token", (await again.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        Assert.True((await user.Http.GetFromJsonAsync<MeDto>("api/v1/me", ApiHost.Json))!.EmailVerified);
        using (var resend = await user.Http.PostAsync("api/v1/me/email-verification", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
            Assert.Equal(1, fixture.Emails.Count(user.Email, "email-verification"));
        }

        await RequestResetAsync(user.Email);
        var first = fixture.Emails.TokenFor(user.Email, "password-reset");
        await RequestResetAsync(user.Email);
        var second = fixture.Emails.TokenFor(user.Email, "password-reset");

        // A newer reset replaces the older one.
        using (var replaced = await Host.Http.PostAsJsonAsync("api/v1/auth/password-reset/confirm", new { token = first, newPassword = "reset password one" }, ApiHost.Json))
        {
            Assert.Contains("token", (await replaced.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        await ConfirmResetAsync(second, "reset password two");
        using (var reused = await Host.Http.PostAsJsonAsync("api/v1/auth/password-reset/confirm", new { token = second, newPassword = "reset password three" }, ApiHost.Json))
        {
            Assert.Contains("token", (await reused.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        // The reset ended the sessions made with the old password.
        await RefuseRefreshAsync(user.RefreshToken);
        await LoginAsync(user.Email, "reset password two");

        // Asking for a reset tells nothing about whether the address has an account.
        using var nobody = await Host.Http.PostAsJsonAsync("api/v1/auth/password-reset", new { email = "nobody@example.com" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Accepted, nobody.StatusCode);
        Assert.Equal(0, fixture.Emails.Count("nobody@example.com", "password-reset"));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_each_field()
    {
        using (var bad = await Host.Http.PostAsJsonAsync("api/v1/auth/register", new { email = "not an email", password = "short", name = "" }, ApiHost.Json))
        {
            var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("email", problem.Errors!.Keys);
            Assert.Contains("password", problem.Errors.Keys);
            Assert.Contains("name", problem.Errors.Keys);
        }

        using var user = await Host.RegisterAsync();
        using (var taken = await Host.Http.PostAsJsonAsync("api/v1/auth/register", new { email = user.Email.ToUpperInvariant(), password = "another password", name = "Copy" }, ApiHost.Json))
        {
            await taken.ProblemAsync(HttpStatusCode.Conflict);
        }

        using (var missing = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = "" }, ApiHost.Json))
        {
            var problem = await missing.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("email", problem.Errors!.Keys);
            Assert.Contains("password", problem.Errors.Keys);
        }

        using (var garbage = await Host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = "garbage" }, ApiHost.Json))
        {
            await garbage.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var rename = await user.Http.PatchAsJsonAsync("api/v1/me", new { name = new string('n', 101) }, ApiHost.Json))
        {
            Assert.Contains("name", (await rename.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        using var renamed = await user.Http.PatchAsJsonAsync("api/v1/me", new { name = "  New Name " }, ApiHost.Json);
        Assert.Equal("New Name", (await renamed.Content.ReadFromJsonAsync<MeDto>(ApiHost.Json))!.Name);
    }

    [Fact]
    public async Task Requests_without_a_valid_credential_are_401_problems()
    {
        using (var none = await Host.Http.GetAsync("api/v1/me"))
        {
            await none.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var forged = Host.Client("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfeCJ9.c2lnbmF0dXJl");
        foreach (var path in new[] { "api/v1/me", "api/v1/chatbots", "api/v1/workspaces" })
        {
            using var response = await forged.GetAsync(path);
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var badKey = Host.Client("csk_notakey_secret");
        using (var response = await badKey.GetAsync("api/v1/chatbots"))
        {
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        // The public chat endpoint takes anonymous visitors, but a credential it carries must be valid.
        using var visitorWithBadToken = await forged.PostAsJsonAsync("api/v1/chat/bot_any/messages", new { text = "hi" }, ApiHost.Json);
        await visitorWithBadToken.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_account_routes_and_the_bearer_scheme()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Host.Http.GetStringAsync("openapi/v1.json"));
        var root = document.RootElement;
        var paths = root.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/password-reset",
            "/api/v1/auth/password-reset/confirm", "/api/v1/auth/verify-email", "/api/v1/me", "/api/v1/me/password", "/api/v1/workspaces",
            "/api/v1/workspaces/{workspaceId}/members/{userId}", "/api/v1/workspaces/{workspaceId}/invitations", "/api/v1/invitations/accept",
            "/api/v1/workspaces/{workspaceId}/transfer", "/api/v1/workspaces/{workspaceId}/leave", "/api/v1/workspaces/{workspaceId}/api-keys/{keyId}/rotate",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }

        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/api/v1/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/v1/auth/login").GetProperty("post").TryGetProperty("security", out _));
    }

    private async Task<AuthDto> LoginAsync(string email, string password)
    {
        using var response = await Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email, password }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!;
    }

    private async Task<AuthDto> RefreshAsync(string refreshToken)
    {
        using var response = await Host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!;
    }

    private async Task RefuseRefreshAsync(string refreshToken)
    {
        using var response = await Host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken }, ApiHost.Json);
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task RequestResetAsync(string email)
    {
        using var response = await Host.Http.PostAsJsonAsync("api/v1/auth/password-reset", new { email }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task ConfirmResetAsync(string token, string newPassword)
    {
        using var response = await Host.Http.PostAsJsonAsync("api/v1/auth/password-reset/confirm", new { token, newPassword }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
