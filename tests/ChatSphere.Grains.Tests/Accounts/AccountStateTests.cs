using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Grains.Tests.Accounts;

/// <summary>The account grains' state on both storage providers: what a restart keeps, and tokens that expire.</summary>
public sealed class AccountStateTests
{
    private const string Password = "correct horse battery";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Users_sessions_workspaces_invitations_and_keys_survive_a_restart(string provider)
    {
        await using var clusters = await AccountClusters.StartAsync(provider);
        var email = $"Keep-{Guid.NewGuid():N}@Example.com";
        var userId = Ids.New("usr");
        var registered = await clusters.Grains.GetGrain<IUserGrain>(userId).RegisterAsync(new Registration { Email = email, Name = "Keeper", Password = Password });
        var workspaceId = registered.Session.User.WorkspaceIds[0];
        var workspace = clusters.Grains.GetGrain<IWorkspaceGrain>(workspaceId);
        await workspace.AddChatbotAsync("bot_kept");
        var key = await workspace.CreateApiKeyAsync(new ApiKeySpec { Name = "Kept", Scopes = ApiKeyScopes.Read | ApiKeyScopes.Chat, BotId = "bot_kept" });
        var inviteeEmail = $"invitee-{Guid.NewGuid():N}@example.com";
        var invitation = await workspace.InviteAsync(userId, inviteeEmail, WorkspaceRole.Editor);

        await clusters.RestartAsync();

        Assert.Equal(userId, await clusters.Grains.GetGrain<IEmailIndexGrain>(EmailAddresses.Normalize(email)).GetUserIdAsync());
        var user = clusters.Grains.GetGrain<IUserGrain>(userId);
        var refreshed = await user.RefreshAsync(FamilyOf(registered.Session.RefreshToken), SecretOf(registered.Session.RefreshToken));
        Assert.Equal(userId, refreshed.User.Id);
        await user.LoginAsync(Password);
        await user.VerifyEmailAsync(SecretOf(registered.VerificationToken));
        Assert.True((await user.GetProfileAsync())!.EmailVerified);

        workspace = clusters.Grains.GetGrain<IWorkspaceGrain>(workspaceId);
        Assert.Equal(WorkspaceRole.Owner, await workspace.GetRoleAsync(userId));
        var grant = await clusters.Grains.GetGrain<IApiKeyGrain>(key.Key.Id).AuthenticateAsync(SecretOfKey(key.Secret));
        Assert.Equal(workspaceId, grant!.WorkspaceId);
        Assert.Equal("bot_kept", grant.BotId);
        Assert.Equal(ApiKeyScopes.Read | ApiKeyScopes.Chat, grant.Scopes);

        var invitee = Ids.New("usr");
        await clusters.Grains.GetGrain<IUserGrain>(invitee).RegisterAsync(new Registration { Email = inviteeEmail, Name = "Invitee", Password = Password });
        var parts = invitation.Token.Split('.');
        var joined = await workspace.AcceptInvitationAsync(parts[1], parts[2], invitee, inviteeEmail);
        Assert.Equal(WorkspaceRole.Editor, joined.Role);

        // Spent or revoked things stay spent across a restart too.
        Assert.True(await workspace.RevokeApiKeyAsync(key.Key.Id));
        await clusters.RestartAsync();
        Assert.Null(await clusters.Grains.GetGrain<IApiKeyGrain>(key.Key.Id).AuthenticateAsync(SecretOfKey(key.Secret)));
        await Assert.ThrowsAsync<InvalidCredentialsException>(() => clusters.Grains.GetGrain<IUserGrain>(userId)
            .RefreshAsync(FamilyOf(registered.Session.RefreshToken), SecretOf(registered.Session.RefreshToken)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => clusters.Grains.GetGrain<IWorkspaceGrain>(workspaceId)
            .AcceptInvitationAsync(parts[1], parts[2], invitee, inviteeEmail));
        Assert.Contains(workspaceId, (await clusters.Grains.GetGrain<IUserGrain>(invitee).GetProfileAsync())!.WorkspaceIds);
    }

    [Fact]
    public async Task Each_member_holds_a_seat_of_the_plan_from_joining_until_leaving()
    {
        await using var clusters = await AccountClusters.StartAsync("sqlite");
        var ownerId = Ids.New("usr");
        var owner = await clusters.Grains.GetGrain<IUserGrain>(ownerId)
            .RegisterAsync(new Registration { Email = $"owner-{Guid.NewGuid():N}@example.com", Name = "Owner", Password = Password });
        var workspaceId = owner.Session.User.WorkspaceIds[0];
        var workspace = clusters.Grains.GetGrain<IWorkspaceGrain>(workspaceId);
        var billing = clusters.Grains.GetGrain<GrainInterfaces.Billing.IWorkspaceBillingGrain>(workspaceId);
        async Task<long> SeatsAsync() =>
            (await billing.GetUsageAsync()).Quotas.Single(q => q.Kind == GrainInterfaces.Billing.QuotaKind.Seats).Used;
        Assert.Equal(1, await SeatsAsync());

        var email = $"member-{Guid.NewGuid():N}@example.com";
        var memberId = Ids.New("usr");
        await clusters.Grains.GetGrain<IUserGrain>(memberId).RegisterAsync(new Registration { Email = email, Name = "Member", Password = Password });
        var parts = (await workspace.InviteAsync(ownerId, email, WorkspaceRole.Viewer)).Token.Split('.');
        await workspace.AcceptInvitationAsync(parts[1], parts[2], memberId, email);
        Assert.Equal(2, await SeatsAsync());

        Assert.True(await workspace.RemoveMemberAsync(ownerId, memberId));
        Assert.Equal(1, await SeatsAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Reset_verification_and_refresh_tokens_and_api_keys_expire(string provider)
    {
        await using var clusters = await AccountClusters.StartAsync(provider, new Dictionary<string, string?>
        {
            ["ChatSphere:Auth:PasswordResetLifetime"] = "00:00:01",
            ["ChatSphere:Auth:EmailVerificationLifetime"] = "00:00:01",
            ["ChatSphere:Auth:RefreshTokenLifetime"] = "00:00:01",
        });
        var userId = Ids.New("usr");
        var user = clusters.Grains.GetGrain<IUserGrain>(userId);
        var registered = await user.RegisterAsync(new Registration { Email = $"late-{Guid.NewGuid():N}@example.com", Name = "Late", Password = Password });
        var reset = await user.IssuePasswordResetAsync();
        var workspace = clusters.Grains.GetGrain<IWorkspaceGrain>(registered.Session.User.WorkspaceIds[0]);
        var key = await workspace.CreateApiKeyAsync(new ApiKeySpec { Name = "Brief", Scopes = ApiKeyScopes.Read, ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        Assert.NotNull(await clusters.Grains.GetGrain<IApiKeyGrain>(key.Key.Id).AuthenticateAsync(SecretOfKey(key.Secret)));

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Null(await clusters.Grains.GetGrain<IApiKeyGrain>(key.Key.Id).AuthenticateAsync(SecretOfKey(key.Secret)));

        var expiredReset = await Assert.ThrowsAsync<ValidationFailedException>(() => user.ResetPasswordAsync(SecretOf(reset), "a new password"));
        Assert.Contains("token", expiredReset.Errors.Keys);
        await Assert.ThrowsAsync<ValidationFailedException>(() => user.VerifyEmailAsync(SecretOf(registered.VerificationToken)));
        await Assert.ThrowsAsync<InvalidCredentialsException>(() => user.RefreshAsync(FamilyOf(registered.Session.RefreshToken), SecretOf(registered.Session.RefreshToken)));

        // A fresh token works once.
        var fresh = await user.IssuePasswordResetAsync();
        await user.ResetPasswordAsync(SecretOf(fresh), "a new password");
        await Assert.ThrowsAsync<ValidationFailedException>(() => user.ResetPasswordAsync(SecretOf(fresh), "another new password"));
        await user.LoginAsync("a new password");
    }

    private static string SecretOf(string token) => token[(token.LastIndexOf('.') + 1)..];

    private static string FamilyOf(string refreshToken) => refreshToken.Split('.')[1];

    private static string SecretOfKey(string key) => ApiKeyTokens.Parse(key)!.Value.Secret;
}
