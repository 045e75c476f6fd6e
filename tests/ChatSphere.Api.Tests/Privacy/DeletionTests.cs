using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Privacy;

/// <summary>Deleting a workspace, and deleting an account, counted in rows and vectors on SQLite and PostgreSQL.</summary>
[Collection(PrivacyApiCollection.Name)]
public sealed class DeletionTests(PrivacyApiFixture fixture)
{
    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task Deleting_a_workspace_takes_everything_in_it_and_needs_its_owner_and_its_name(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var admin = await PrivacyTestKit.InviteAndJoinAsync(host, fixture.Emails[provider], owner, "admin");
        var bot = await owner.LeadBotAsync();
        await owner.Http.AddQaAsync(bot.Id, "When do you open?", "We open at nine every weekday.");
        await using var visitor = host.Hub();
        await visitor.StartAsync();
        var conversation = await PrivacyTestKit.TalkAsync(visitor, bot.Id, leadEmail: "gone@example.com");
        using (var invite = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/invitations", new { email = "pending@example.com", role = "viewer" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        }

        using var create = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Live", scopes = new[] { "chat", "read", "admin" } }, ApiHost.Json);
        var key = (await create.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;
        await using var keyHub = host.Hub(key.Secret);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        keyHub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await keyHub.StartAsync();
        var keyConversation = await keyHub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var vectors = host.Services.GetRequiredService<IVectorStore>();
        Assert.True((await vectors.GetStatsAsync(bot.Id)).Count > 0);
        Assert.True(await PrivacyTestKit.MonthlyRepliesAsync(host, owner.WorkspaceId, atLeast: 1) > 0);
        var before = await CountsAsync(host, owner.WorkspaceId, bot.Id);
        Assert.All(before, c => Assert.False(c.EndsWith("=0", StringComparison.Ordinal), c));

        var name = (await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{owner.WorkspaceId}", ApiHost.Json)).GetProperty("name").GetString()!;
        using (var unconfirmed = await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}"))
        {
            Assert.Contains("confirm", (await unconfirmed.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        using (var wrong = await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}?confirm={Uri.EscapeDataString(name + "x")}"))
        {
            Assert.Contains("confirm", (await wrong.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        var confirm = $"api/v1/workspaces/{owner.WorkspaceId}?confirm={Uri.EscapeDataString(name)}";
        Assert.Equal(HttpStatusCode.Forbidden, await admin.Http.DeleteAsync(confirm).StatusAsync());
        using (var keyClient = host.Client(key.Secret))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await keyClient.DeleteAsync(confirm).StatusAsync());
        }

        Assert.Equal(before, await CountsAsync(host, owner.WorkspaceId, bot.Id));
        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync(confirm).StatusAsync());

        Assert.All(await CountsAsync(host, owner.WorkspaceId, bot.Id), c => Assert.EndsWith("=0", c, StringComparison.Ordinal));
        Assert.Equal(0, (await vectors.GetStatsAsync(bot.Id)).Count);
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, conversation.ConversationId));
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, keyConversation.ConversationId));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using (var keyClient = host.Client(key.Secret))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await keyClient.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}").StatusAsync());
        }

        // Members keep their accounts, without the workspace.
        var me = await owner.Http.GetFromJsonAsync<JsonElement>("api/v1/me", ApiHost.Json);
        Assert.DoesNotContain(me.GetProperty("workspaces").EnumerateArray(), w => w.GetProperty("id").GetString() == owner.WorkspaceId);
        var adminMe = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/me", ApiHost.Json);
        Assert.DoesNotContain(adminMe.GetProperty("workspaces").EnumerateArray(), w => w.GetProperty("id").GetString() == owner.WorkspaceId);
        Assert.NotEqual(HttpStatusCode.OK, await owner.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}").StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await owner.Http.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(visitor.StreamAsync<ChatEvent>("Send", conversation.ConversationId, "late", "hello?")));
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, conversation.ConversationId));
    }

    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task Deleting_an_account_leaves_no_credentials_and_an_owner_with_members_transfers_first(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var member = await PrivacyTestKit.InviteAndJoinAsync(host, fixture.Emails[provider], owner, "editor");
        var ownerName = (await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{owner.WorkspaceId}", ApiHost.Json)).GetProperty("name").GetString()!;
        var memberWorkspace = member.WorkspaceId;

        using (var blocked = await owner.Http.DeleteAsync("api/v1/me"))
        {
            var problem = await blocked.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains(ownerName, problem.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(1, await UserRowsAsync(host, member.Id));
        Assert.Equal(HttpStatusCode.NoContent, await member.Http.DeleteAsync("api/v1/me").StatusAsync());

        // No credential of theirs works, and no row of their account is left: user (password hash, sessions,
        // tokens, provider links), email index entry, the sole-member workspace made at sign-up.
        Assert.Equal(HttpStatusCode.Unauthorized, await member.Http.GetAsync("api/v1/me").StatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = member.RefreshToken }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await host.Http.PostAsJsonAsync("api/v1/auth/login", new { email = member.Email, password = member.Password }, ApiHost.Json).StatusAsync());
        Assert.Equal(0, await UserRowsAsync(host, member.Id));
        Assert.Equal(0, await GrainRowsAsync(host, member.Email.ToLowerInvariant()));
        Assert.Equal(0, await GrainRowsAsync(host, memberWorkspace));
        var workspace = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{owner.WorkspaceId}", ApiHost.Json);
        Assert.Equal(1, workspace.GetProperty("memberCount").GetInt32());

        // Now the only member: the account goes with its workspace.
        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync("api/v1/me").StatusAsync());
        Assert.Equal(0, await UserRowsAsync(host, owner.Id));
        Assert.Equal(0, await GrainRowsAsync(host, owner.WorkspaceId));

        // The address is free again.
        using var again = await host.RegisterAsync(member.Email);
        Assert.NotEqual(member.Id, again.Id);
    }

    /// <summary>Rows that belong to the workspace or its bot, table by table (grain state rows by key).</summary>
    private static async Task<string[]> CountsAsync(ApiHost host, string workspaceId, string botId)
    {
        (string Name, string Sql, string Key)[] queries =
        [
            ("conversations", "SELECT count(*) FROM cs_conversations WHERE workspace_id = @k", workspaceId),
            ("visitors", "SELECT count(*) FROM cs_conversation_visitors v JOIN cs_conversations c ON c.conversation_id = v.conversation_id WHERE c.workspace_id = @k", workspaceId),
            ("sources", "SELECT count(*) FROM cs_knowledge_sources WHERE bot_id = @k", botId),
            ("chunks", "SELECT count(*) FROM cs_knowledge_chunks WHERE bot_id = @k", botId),
            ("usage", "SELECT count(*) FROM cs_usage_workspace_monthly WHERE workspace_id = @k", workspaceId),
            ("workspace grains", "SELECT count(*) FROM orleans_storage WHERE grain_id_extension = @k AND payload IS NOT NULL", workspaceId),
            ("bot grains", "SELECT count(*) FROM orleans_storage WHERE grain_id_extension = @k AND payload IS NOT NULL", botId),
        ];
        var counts = new List<string>();
        foreach (var (name, sql, key) in queries)
        {
            counts.Add($"{name}={await PrivacyApiFixture.CountAsync(host, sql, ("k", key))}");
        }

        return [.. counts];
    }

    private static Task<long> UserRowsAsync(ApiHost host, string userId) => GrainRowsAsync(host, userId);

    private static Task<long> GrainRowsAsync(ApiHost host, string key) =>
        PrivacyApiFixture.CountAsync(host, "SELECT count(*) FROM orleans_storage WHERE grain_id_extension = @k", ("k", key));
}
