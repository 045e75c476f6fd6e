using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;

namespace ChatSphere.Api.Tests.Audit;

[Collection(AccountsApiCollection.Name)]
public sealed class AuditLogApiTests(AccountsApiFixture fixture)
{
    [Fact]
    public async Task Administrative_actions_land_in_the_workspace_log_with_actor_target_and_changes()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var bot = await owner.Http.CreateBotAsync();
        using (var patch = await owner.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "Renamed bot", welcomeMessage = "Hello there" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        using var key = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys", new { name = "ci", scopes = new[] { "read" } }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        using var editor = await fixture.InviteAndJoinAsync(owner, ws, "editor");
        using (var removed = await owner.Http.DeleteAsync($"api/v1/workspaces/{ws}/members/{editor.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var log = await ReadAsync(owner, ws, "");
        var actions = log.Items.Select(e => e.Action).ToArray();
        Assert.Equal(
            ["member.removed", "member.joined", "invitation.created", "apikey.created", "chatbot.updated", "chatbot.created", "auth.registered"],
            actions);
        Assert.All(log.Items.Where(e => e.Action != "member.joined"), e => Assert.Equal(owner.Id, e.ActorId));
        Assert.Equal(editor.Id, log.Items.Single(e => e.Action == "member.joined").ActorId);
        Assert.All(log.Items, e => Assert.Matches("^[0-9a-f]{64}$", e.IpHash!));

        var update = log.Items.Single(e => e.Action == "chatbot.updated");
        Assert.Equal(("chatbot", bot.Id), (update.TargetType, update.TargetId));
        Assert.Contains(update.Changes, c => c is { Field: "name", After: "Renamed bot" });
        Assert.Contains(update.Changes, c => c is { Field: "welcomeMessage", After: "Hello there" });
        Assert.DoesNotContain(update.Changes, c => c.Field == "language");

        var onlyBots = await ReadAsync(owner, ws, "?action=chatbot.");
        Assert.Equal(["chatbot.updated", "chatbot.created"], onlyBots.Items.Select(e => e.Action));
        var pageOne = await ReadAsync(owner, ws, "?limit=3");
        var pageTwo = await ReadAsync(owner, ws, $"?limit=3&cursor={pageOne.NextCursor}");
        Assert.Equal(actions[..3], pageOne.Items.Select(e => e.Action));
        Assert.Equal(actions[3..6], pageTwo.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task Sign_in_events_are_logged_and_only_admins_of_the_workspace_may_read_them()
    {
        using var owner = await fixture.Host.RegisterAsync();
        using (var wrong = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = owner.Email, password = "not the password" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var right = await fixture.Host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = owner.Email, password = owner.Password }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }

        var signIns = await ReadAsync(owner, owner.WorkspaceId, "?action=auth.");
        Assert.Equal(["auth.login", "auth.login_failed", "auth.registered"], signIns.Items.Select(e => e.Action));

        using var viewer = await fixture.InviteAndJoinAsync(owner, owner.WorkspaceId, "viewer");
        using var stranger = await fixture.Host.RegisterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/audit-log").StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await stranger.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/audit-log").StatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await fixture.Host.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/audit-log").StatusAsync());

        using var badCursor = await owner.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/audit-log?cursor=nonsense");
        Assert.Contains("cursor", (await badCursor.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var badLimit = await owner.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/audit-log?limit=0");
        Assert.Contains("limit", (await badLimit.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    private static async Task<PageDto<AuditEntryDto>> ReadAsync(TestUser user, string workspaceId, string query)
    {
        using var response = await user.Http.GetAsync($"api/v1/workspaces/{workspaceId}/audit-log{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PageDto<AuditEntryDto>>(ApiHost.Json))!;
    }

    private sealed record AuditChangeDto(string Field, string? Before, string? After);

    private sealed record AuditEntryDto(
        string Id, string Action, string ActorType, string ActorId, string? ActorName, string? TargetType, string? TargetId, string? IpHash,
        IReadOnlyList<AuditChangeDto> Changes);
}
