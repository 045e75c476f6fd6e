using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Privacy;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Privacy;

/// <summary>Retention and erasure of visitors' conversations, proven by counting rows on SQLite and PostgreSQL.</summary>
[Collection(PrivacyApiCollection.Name)]
public sealed class RetentionAndErasureTests(PrivacyApiFixture fixture)
{
    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task Retention_deletes_conversations_inactive_for_longer_with_all_their_rows_and_keeps_the_aggregates(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var workspace = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{owner.WorkspaceId}", ApiHost.Json);
        // The documented defaults: kept in the embedded shape, a year in the cluster shape.
        Assert.Equal(provider == PrivacyApiFixture.Sqlite ? JsonValueKind.Null : JsonValueKind.Number, workspace.GetProperty("conversationRetentionDays").ValueKind);

        foreach (var bad in new object[] { new { conversationRetentionDays = 0 }, new { conversationRetentionDays = 3651 }, new { conversationRetentionDays = -5 } })
        {
            using var refused = await owner.Http.PatchAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}", bad, ApiHost.Json);
            var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("conversationRetentionDays", problem.Errors!.Keys);
        }

        var bot = await owner.LeadBotAsync();
        await using var hub = host.Hub();
        await hub.StartAsync();
        var old = await PrivacyTestKit.TalkAsync(hub, bot.Id, leadEmail: "old@example.com");
        var recent = await PrivacyTestKit.TalkAsync(hub, bot.Id, old.VisitorToken, fresh: true);
        // Forty days of silence, as the clock would have it.
        var fortyDaysAgo = DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeMilliseconds();
        await PrivacyApiFixture.ExecuteAsync(host, "UPDATE cs_conversations SET last_activity_at = @t WHERE conversation_id = @c", ("t", fortyDaysAgo), ("c", old.ConversationId));
        var monthly = await PrivacyApiFixture.CountAsync(host, "SELECT COALESCE(SUM(replies), 0) FROM cs_usage_workspace_monthly WHERE workspace_id = @w", ("w", owner.WorkspaceId));
        Assert.True(await PrivacyTestKit.TotalRowsOfAsync(host, old.ConversationId) >= 4, string.Join(", ", await PrivacyTestKit.RowsOfAsync(host, old.ConversationId)));
        var recentRows = await PrivacyTestKit.RowsOfAsync(host, recent.ConversationId);

        using (var set = await owner.Http.PatchAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}", new { conversationRetentionDays = 30 }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(30, (await set.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("conversationRetentionDays").GetInt32());
        }

        // The workspace's reminder is in the reminder table; its tick runs the sweep below.
        Assert.Equal(1, await ReminderRowsAsync(host, owner.WorkspaceId));
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal(1, await grains.GetGrain<IWorkspacePrivacyGrain>(owner.WorkspaceId).ApplyRetentionAsync());

        Assert.All(await PrivacyTestKit.RowsOfAsync(host, old.ConversationId), count => Assert.EndsWith("=0", count, StringComparison.Ordinal));
        Assert.Equal(recentRows, await PrivacyTestKit.RowsOfAsync(host, recent.ConversationId));
        Assert.Equal(monthly, await PrivacyApiFixture.CountAsync(host, "SELECT COALESCE(SUM(replies), 0) FROM cs_usage_workspace_monthly WHERE workspace_id = @w", ("w", owner.WorkspaceId)));
        Assert.Equal(HttpStatusCode.NotFound, await owner.Http.GetAsync($"api/v1/conversations/{old.ConversationId}").StatusAsync());
        // The grain forgot it too: the visitor's next message finds no conversation, and nothing is written back.
        await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", old.ConversationId, "again", "still there?")));
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, old.ConversationId));

        using (var keep = await owner.Http.PatchAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}", new { conversationRetentionDays = (int?)null }, ApiHost.Json))
        {
            Assert.Equal(JsonValueKind.Null, (await keep.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("conversationRetentionDays").ValueKind);
        }

        Assert.Equal(0, await ReminderRowsAsync(host, owner.WorkspaceId));
    }

    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task Erasing_by_email_removes_every_conversation_of_that_visitor_and_the_audit_log_keeps_neither_id_nor_address(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var bot = await owner.LeadBotAsync();
        await using var ann = host.Hub();
        await ann.StartAsync();
        var first = await PrivacyTestKit.TalkAsync(ann, bot.Id, leadEmail: "Ann.Erased@Example.com");
        // The same visitor again, without giving the address this time: found through their visitor id.
        var second = await PrivacyTestKit.TalkAsync(ann, bot.Id, first.VisitorToken, fresh: true);
        await using var bob = host.Hub();
        await bob.StartAsync();
        var other = await PrivacyTestKit.TalkAsync(bob, bot.Id, leadEmail: "bob@example.com");
        var visitorId = await PrivacyTestKit.VisitorIdAsync(owner, first.ConversationId);
        var otherRows = await PrivacyTestKit.RowsOfAsync(host, other.ConversationId);

        using (var none = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/visitors/erase", new { }, ApiHost.Json))
        {
            var problem = await none.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("visitorId", problem.Errors!.Keys);
            Assert.Contains("email", problem.Errors!.Keys);
        }

        using (var readKey = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Reader", scopes = new[] { "read" } }, ApiHost.Json))
        {
            var key = (await readKey.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;
            using var reader = host.Client(key.Secret);
            Assert.Equal(HttpStatusCode.Forbidden, await reader.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/visitors/erase", new { email = "ann.erased@example.com" }, ApiHost.Json).StatusAsync());
        }

        Assert.True(await PrivacyTestKit.TotalRowsOfAsync(host, first.ConversationId) > 0);
        using (var erased = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/visitors/erase", new { email = " ann.erased@EXAMPLE.com " }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
            Assert.Equal(2, (await erased.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("conversations").GetInt32());
        }

        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, first.ConversationId));
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, second.ConversationId));
        Assert.Equal(otherRows, await PrivacyTestKit.RowsOfAsync(host, other.ConversationId));
        await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(ann.StreamAsync<ChatEvent>("Send", second.ConversationId, "late", "are you there?")));
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, second.ConversationId));

        var audit = await PrivacyApiFixture.RowsAsync(host,
            "SELECT action, actor_id, target_type, target_id, changes FROM cs_audit_log WHERE workspace_id = @w AND action = 'visitor.erased'", ("w", owner.WorkspaceId));
        var entry = Assert.Single(audit);
        var text = string.Join("|", entry);
        Assert.DoesNotContain("ann.erased", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(visitorId, text, StringComparison.Ordinal);
        Assert.Contains("\"2\"", entry[4], StringComparison.Ordinal);
        Assert.Equal(owner.Id, entry[1]);
    }

    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task Erasing_by_visitor_id_ends_their_open_conversation_so_the_next_write_brings_nothing_back(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var bot = await owner.LeadBotAsync();
        await using var visitor = host.Hub();
        await visitor.StartAsync();
        var open = await PrivacyTestKit.TalkAsync(visitor, bot.Id);
        var visitorId = await PrivacyTestKit.VisitorIdAsync(owner, open.ConversationId);
        await using var someoneElse = host.Hub();
        await someoneElse.StartAsync();
        var kept = await PrivacyTestKit.TalkAsync(someoneElse, bot.Id);

        using (var erased = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/visitors/erase", new { visitorId }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
            Assert.Equal(1, (await erased.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("conversations").GetInt32());
        }

        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, open.ConversationId));
        await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(visitor.StreamAsync<ChatEvent>("Send", open.ConversationId, "after", "hello again")));
        await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync("SubmitLead", open.ConversationId, new Dictionary<string, string> { ["name"] = "A", ["email"] = "a@example.com" }));
        Assert.All(await PrivacyTestKit.RowsOfAsync(host, open.ConversationId), count => Assert.EndsWith("=0", count, StringComparison.Ordinal));
        Assert.True(await PrivacyTestKit.TotalRowsOfAsync(host, kept.ConversationId) > 0);
    }

    private static Task<long> ReminderRowsAsync(ApiHost host, string workspaceId) => PrivacyApiFixture.CountAsync(host,
        "SELECT count(*) FROM orleans_reminders WHERE reminder_name = @name AND grain_id LIKE @grain",
        ("name", "conversation-retention"), ("grain", "%" + workspaceId + "%"));
}
