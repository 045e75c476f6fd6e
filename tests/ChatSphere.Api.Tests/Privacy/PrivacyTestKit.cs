using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Privacy;

/// <summary>What the privacy tests set up: a bot with a lead form, visitors talking to it over the widget hub, row counts.</summary>
public static class PrivacyTestKit
{
    /// <summary>Every table that holds what was said or told in one conversation (per-reply usage counts stay, as usage).</summary>
    public static readonly string[] ConversationTables =
        ["cs_conversations", "cs_messages", "cs_message_hits", "cs_message_feedback", "cs_conversation_visitors", "cs_conversation_memory"];

    public static async Task<BotDto> LeadBotAsync(this TestUser owner)
    {
        var bot = await owner.Http.CreateBotAsync(new { workspaceId = owner.WorkspaceId, name = "Privacy bot", answer = new { model = "instant" } });
        using var lead = await owner.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}",
            new { leadCapture = new { enabled = true, fields = new[] { "name", "email" } } }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, lead.StatusCode);
        return bot;
    }

    /// <summary>A visitor's conversation with one exchanged message (and, with an address, the lead form filled in).</summary>
    public static async Task<StartDto> TalkAsync(HubConnection hub, string botId, string? visitorToken = null, string? leadEmail = null, bool fresh = false)
    {
        var start = await hub.InvokeAsync<StartDto>(fresh ? "NewConversation" : "StartConversation", botId, visitorToken);
        var events = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, Guid.NewGuid().ToString("N"), "hello there"));
        Assert.Equal(ChatEventType.Done, events[^1].Type);
        if (leadEmail is not null)
        {
            await hub.InvokeAsync("SubmitLead", start.ConversationId, new Dictionary<string, string> { ["name"] = "Ann Visitor", ["email"] = leadEmail });
        }

        return start;
    }

    /// <summary>Rows of the conversation in each of its tables, as "table=count" (so a failure names the table).</summary>
    public static async Task<string[]> RowsOfAsync(ApiHost host, string conversationId)
    {
        var counts = new List<string>();
        foreach (var table in ConversationTables)
        {
            counts.Add($"{table}={await PrivacyApiFixture.CountAsync(host, $"SELECT count(*) FROM {table} WHERE conversation_id = @c", ("c", conversationId))}");
        }

        return [.. counts];
    }

    public static async Task<long> TotalRowsOfAsync(ApiHost host, string conversationId)
    {
        long total = 0;
        foreach (var table in ConversationTables)
        {
            total += await PrivacyApiFixture.CountAsync(host, $"SELECT count(*) FROM {table} WHERE conversation_id = @c", ("c", conversationId));
        }

        return total;
    }

    /// <summary>Replies counted in the workspace's monthly usage, once at least <paramref name="atLeast"/> are (usage is
    /// committed a moment after each reply); a <see cref="TimeoutException"/> when they are not within 30 s.</summary>
    public static Task<long> MonthlyRepliesAsync(ApiHost host, string workspaceId, long atLeast) =>
        Eventually.ReturnsAsync(
            () => PrivacyApiFixture.CountAsync(host,
                "SELECT COALESCE(SUM(replies), 0) FROM cs_usage_workspace_monthly WHERE workspace_id = @w", ("w", workspaceId)),
            replies => replies >= atLeast,
            $"at least {atLeast} replies counted in the monthly usage",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));

    public static async Task<string> VisitorIdAsync(TestUser owner, string conversationId)
    {
        var conversation = await owner.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/conversations/{conversationId}", ApiHost.Json);
        return conversation.GetProperty("visitorId").GetString()!;
    }

    public static async Task<TestUser> InviteAndJoinAsync(ApiHost host, RecordingEmailSender emails, TestUser inviter, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        using (var invite = await inviter.Http.PostAsJsonAsync($"api/v1/workspaces/{inviter.WorkspaceId}/invitations", new { email, role }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        }

        var member = await host.RegisterAsync(email, role);
        using var accept = await member.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token = emails.TokenFor(email, "invitation") }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        return member;
    }
}
