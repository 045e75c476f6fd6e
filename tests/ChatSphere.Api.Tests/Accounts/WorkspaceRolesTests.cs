using System.Net;
using System.Net.Http.Json;

namespace ChatSphere.Api.Tests.Accounts;

[Collection(AccountsApiCollection.Name)]
public sealed class WorkspaceRolesTests(AccountsApiFixture fixture)
{
    [Fact]
    public async Task Each_role_may_do_what_the_role_matrix_says_and_no_more()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var bot = await owner.Http.CreateBotAsync();
        using var viewer = await fixture.InviteAndJoinAsync(owner, ws, "viewer");
        using var editor = await fixture.InviteAndJoinAsync(owner, ws, "editor");
        using var admin = await fixture.InviteAndJoinAsync(owner, ws, "admin");

        // Viewer: reads, never writes.
        Assert.Equal(HttpStatusCode.OK, await viewer.Http.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await viewer.Http.GetAsync($"api/v1/chatbots?workspaceId={ws}").StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await viewer.Http.GetAsync($"api/v1/workspaces/{ws}/members").StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "x" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources", new { type = "qa", question = "q?", answer = "a" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Http.PostAsJsonAsync("api/v1/chatbots", new { workspaceId = ws, name = "Mine" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Http.DeleteAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        // Two workspaces now (their own and this one): a new bot must say where.
        Assert.Equal(HttpStatusCode.BadRequest, await viewer.Http.PostAsJsonAsync("api/v1/chatbots", new { name = "Where?" }, ApiHost.Json).StatusAsync());

        // Editor: edits bots and knowledge, manages no keys or people.
        Assert.Equal(HttpStatusCode.OK, await editor.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "Edited" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Created, await editor.Http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources", new { type = "qa", question = "Who edits?", answer = "Editors." }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Created, await editor.Http.PostAsJsonAsync("api/v1/chatbots", new { workspaceId = ws, name = "Editor's bot" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await editor.Http.GetAsync($"api/v1/workspaces/{ws}/api-keys").StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await editor.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys", new { name = "k", scopes = new[] { "read" } }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await editor.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/invitations", new { email = "e@example.com", role = "viewer" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await editor.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}", new { name = "Renamed" }, ApiHost.Json).StatusAsync());

        // Admin: keys, settings, editors and viewers; not admins, not ownership.
        Assert.Equal(HttpStatusCode.OK, await admin.Http.GetAsync($"api/v1/workspaces/{ws}/api-keys").StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await admin.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}", new { name = "Renamed" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await admin.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}/members/{viewer.Id}", new { role = "editor" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}/members/{editor.Id}", new { role = "admin" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/invitations", new { email = "a2@example.com", role = "admin" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/transfer", new { userId = admin.Id }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.DeleteAsync($"api/v1/workspaces/{ws}/members/{owner.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}/members/{owner.Id}", new { role = "viewer" }, ApiHost.Json).StatusAsync());

        var members = await owner.Http.GetFromJsonAsync<PageDto<MemberDto>>($"api/v1/workspaces/{ws}/members", ApiHost.Json);
        Assert.Equal(["owner", "editor", "editor", "admin"], members!.Items.Select(m => m.Role));
        Assert.Equal(owner.Email, members.Items[0].Email);
        var workspace = await viewer.Http.GetFromJsonAsync<WorkspaceDto>($"api/v1/workspaces/{ws}", ApiHost.Json);
        Assert.Equal("Renamed", workspace!.Name);
        Assert.Equal("editor", workspace.Role);
        Assert.Equal(4, workspace.MemberCount);

        // Bad input names the field.
        using var badRole = await owner.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}/members/{viewer.Id}", new { role = "owner" }, ApiHost.Json);
        Assert.Contains("role", (await badRole.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var unknownRole = await owner.Http.PatchAsJsonAsync($"api/v1/workspaces/{ws}/members/{viewer.Id}", new { role = "emperor" }, ApiHost.Json);
        Assert.Contains("$.role", (await unknownRole.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var badEmail = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/invitations", new { email = "nope", role = "viewer" }, ApiHost.Json);
        Assert.Contains("email", (await badEmail.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task Invitations_are_single_use_and_only_for_the_invited_address()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var email = $"invitee-{Guid.NewGuid():N}@example.com";
        var token = await fixture.InviteAsync(owner, ws, email, "editor");

        var pending = await owner.Http.GetFromJsonAsync<PageDto<InvitationDto>>($"api/v1/workspaces/{ws}/invitations", ApiHost.Json);
        Assert.Equal(email, Assert.Single(pending!.Items).Email);

        using var stranger = await fixture.Host.RegisterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await stranger.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token }, ApiHost.Json).StatusAsync());

        using var invitee = await fixture.Host.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.OK, await invitee.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token }, ApiHost.Json).StatusAsync());
        using (var again = await invitee.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token }, ApiHost.Json))
        {
            Assert.Contains("token", (await again.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        var me = await invitee.Http.GetFromJsonAsync<MeDto>("api/v1/me", ApiHost.Json);
        Assert.Contains(me!.Workspaces, w => w.Id == ws && w.Role == "editor");
        Assert.Empty((await owner.Http.GetFromJsonAsync<PageDto<InvitationDto>>($"api/v1/workspaces/{ws}/invitations", ApiHost.Json))!.Items);

        // A withdrawn invitation no longer works.
        var withdrawnEmail = $"withdrawn-{Guid.NewGuid():N}@example.com";
        var withdrawn = await fixture.InviteAsync(owner, ws, withdrawnEmail, "viewer");
        var invitation = Assert.Single((await owner.Http.GetFromJsonAsync<PageDto<InvitationDto>>($"api/v1/workspaces/{ws}/invitations", ApiHost.Json))!.Items);
        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{ws}/invitations/{invitation.Id}").StatusAsync());
        using var late = await fixture.Host.RegisterAsync(withdrawnEmail);
        Assert.Equal(HttpStatusCode.BadRequest, await late.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token = withdrawn }, ApiHost.Json).StatusAsync());
    }

    [Fact]
    public async Task Members_are_removed_leave_and_ownership_moves_by_transfer()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        using var admin = await fixture.InviteAndJoinAsync(owner, ws, "admin");
        using var secondAdmin = await fixture.InviteAndJoinAsync(owner, ws, "admin");
        using var editor = await fixture.InviteAndJoinAsync(owner, ws, "editor");
        using var viewer = await fixture.InviteAndJoinAsync(owner, ws, "viewer");

        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.DeleteAsync($"api/v1/workspaces/{ws}/members/{secondAdmin.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.NoContent, await admin.Http.DeleteAsync($"api/v1/workspaces/{ws}/members/{viewer.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await viewer.Http.GetAsync($"api/v1/workspaces/{ws}").StatusAsync());
        Assert.DoesNotContain((await viewer.Http.GetFromJsonAsync<MeDto>("api/v1/me", ApiHost.Json))!.Workspaces, w => w.Id == ws);

        Assert.Equal(HttpStatusCode.NoContent, await editor.Http.PostAsync($"api/v1/workspaces/{ws}/leave", null).StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await editor.Http.GetAsync($"api/v1/chatbots?workspaceId={ws}").StatusAsync());
        Assert.Equal(HttpStatusCode.Conflict, await owner.Http.PostAsync($"api/v1/workspaces/{ws}/leave", null).StatusAsync());

        using (var transfer = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/transfer", new { userId = admin.Id }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
            var moved = (await transfer.Content.ReadFromJsonAsync<WorkspaceDto>(ApiHost.Json))!;
            Assert.Equal(admin.Id, moved.OwnerId);
            Assert.Equal("admin", moved.Role);
        }

        Assert.Equal("owner", (await admin.Http.GetFromJsonAsync<WorkspaceDto>($"api/v1/workspaces/{ws}", ApiHost.Json))!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/transfer", new { userId = owner.Id }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.BadRequest, await admin.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/transfer", new { userId = viewer.Id }, ApiHost.Json).StatusAsync());
        // The new owner may now remove the previous one, who is an admin.
        Assert.Equal(HttpStatusCode.NoContent, await admin.Http.DeleteAsync($"api/v1/workspaces/{ws}/members/{owner.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await owner.Http.GetAsync($"api/v1/workspaces/{ws}").StatusAsync());
    }

    [Fact]
    public async Task A_user_of_another_workspace_gets_404_on_everything_of_it()
    {
        using var a = await fixture.Host.RegisterAsync();
        using var b = await fixture.Host.RegisterAsync();
        var ws = a.WorkspaceId;
        var bot = await a.Http.CreateBotAsync();
        await a.Http.AddQaAsync(bot.Id, "Secret question?", "Secret answer.");
        var reply = await a.Http.AskAsync(bot.Id, "Secret question?");
        var source = (await a.Http.GetFromJsonAsync<PageDto<System.Text.Json.JsonElement>>($"api/v1/chatbots/{bot.Id}/sources", ApiHost.Json))!.Items[0].GetProperty("id").GetString();

        var attempts = new Func<HttpClient, Task<HttpResponseMessage>>[]
        {
            h => h.GetAsync($"api/v1/workspaces/{ws}"),
            h => h.PatchAsJsonAsync($"api/v1/workspaces/{ws}", new { name = "Mine now" }, ApiHost.Json),
            h => h.GetAsync($"api/v1/workspaces/{ws}/members"),
            h => h.GetAsync($"api/v1/workspaces/{ws}/invitations"),
            h => h.PostAsJsonAsync($"api/v1/workspaces/{ws}/invitations", new { email = "x@example.com", role = "viewer" }, ApiHost.Json),
            h => h.GetAsync($"api/v1/workspaces/{ws}/api-keys"),
            h => h.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys", new { name = "steal", scopes = new[] { "admin" } }, ApiHost.Json),
            h => h.PostAsJsonAsync($"api/v1/workspaces/{ws}/transfer", new { userId = b.Id }, ApiHost.Json),
            h => h.PostAsync($"api/v1/workspaces/{ws}/leave", null),
            h => h.GetAsync($"api/v1/chatbots?workspaceId={ws}"),
            h => h.PostAsJsonAsync("api/v1/chatbots", new { workspaceId = ws, name = "Intruder" }, ApiHost.Json),
            h => h.GetAsync($"api/v1/chatbots/{bot.Id}"),
            h => h.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "Hacked" }, ApiHost.Json),
            h => h.DeleteAsync($"api/v1/chatbots/{bot.Id}"),
            h => h.GetAsync($"api/v1/chatbots/{bot.Id}/sources"),
            h => h.GetAsync($"api/v1/chatbots/{bot.Id}/sources/{source}"),
            h => h.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources", new { type = "qa", question = "q?", answer = "a" }, ApiHost.Json),
            h => h.DeleteAsync($"api/v1/chatbots/{bot.Id}/sources/{source}"),
            h => h.PostAsync($"api/v1/chatbots/{bot.Id}/sources/{source}/sync", null),
            h => h.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/search", new { query = "secret", topK = 3 }, ApiHost.Json),
            h => h.GetAsync($"api/v1/chatbots/{bot.Id}/conversations"),
            h => h.GetAsync($"api/v1/conversations/{reply.ConversationId}"),
            h => h.GetAsync($"api/v1/conversations/{reply.ConversationId}/messages"),
            h => h.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hi as a member?" }, ApiHost.Json),
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt(b.Http);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Nothing changed, and the owner still sees everything.
        var still = await a.Http.GetFromJsonAsync<BotDto>($"api/v1/chatbots/{bot.Id}", ApiHost.Json);
        Assert.Equal(bot.Name, still!.Name);
        Assert.Single((await a.Http.GetFromJsonAsync<PageDto<System.Text.Json.JsonElement>>($"api/v1/chatbots/{bot.Id}/sources", ApiHost.Json))!.Items);
        Assert.Single((await a.Http.GetFromJsonAsync<PageDto<MemberDto>>($"api/v1/workspaces/{ws}/members", ApiHost.Json))!.Items);
    }
}
