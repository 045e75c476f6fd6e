using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.LiveOperations;

/// <summary>The live-operations routes over real HTTP and SignalR: roles, takeover, agent messages, the inbox, canned responses.</summary>
public sealed class LiveOperationsApiTests(LiveApiFixture fixture) : IClassFixture<LiveApiFixture>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task An_agent_takes_over_mid_reply_replies_and_hands_back_while_the_visitor_sees_it_all_live()
    {
        using var owner = await Host.RegisterAsync();
        using var agent = await fixture.JoinAsync(owner, "agent");
        var bot = await owner.Http.CreateBotAsync();
        await using var visitor = Host.Hub();
        await visitor.StartAsync();
        var start = await visitor.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<ChatEvent>();
        var following = Task.Run(async () =>
        {
            await foreach (var e in visitor.StreamAsync<ChatEvent>("Resume", start.ConversationId, 0L, stop.Token))
            {
                lock (seen)
                {
                    seen.Add(e);
                }

                if (e.Type == ChatEventType.Mode && e.Mode == ConversationMode.Bot)
                {
                    break;
                }
            }
        });
        var sending = Task.Run(async () =>
        {
            await foreach (var _ in visitor.StreamAsync<ChatEvent>("Send", start.ConversationId, "q1", "Tell me everything", stop.Token))
            {
            }
        });
        await WaitAsync(() => Seen(seen).Any(e => e.Type == ChatEventType.Token));

        using var takeover = await agent.Http.PostAsync($"api/v1/conversations/{start.ConversationId}/takeover", null);
        var held = (await takeover.Content.ReadFromJsonAsync<ConversationInfo>(ApiHost.Json))!;
        using var reply = await agent.Http.PostAsJsonAsync($"api/v1/conversations/{start.ConversationId}/messages", new { text = "Hi, I am here." }, ApiHost.Json);
        var written = (await reply.Content.ReadFromJsonAsync<ConversationMessage>(ApiHost.Json))!;
        using var note = await agent.Http.PostAsJsonAsync($"api/v1/conversations/{start.ConversationId}/messages", new { text = "Internal", @private = true }, ApiHost.Json);
        await WaitAsync(() => Seen(seen).Any(e => e.MessageId == written.Id));
        using var handback = await agent.Http.PostAsync($"api/v1/conversations/{start.ConversationId}/handback", null);
        await following.WaitAsync(TimeSpan.FromSeconds(60));
        await sending.WaitAsync(TimeSpan.FromSeconds(60));
        var stored = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{start.ConversationId}/messages", ApiHost.Json);

        Assert.Equal(HttpStatusCode.OK, takeover.StatusCode);
        Assert.Equal(ConversationMode.Human, held.Mode);
        Assert.Equal(agent.Id, held.HeldBy?.Id);
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal(MessageRole.Agent, written.Role);
        Assert.Equal(agent.Id, written.Author?.Id);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handback.StatusCode);

        var events = Seen(seen);
        var joined = Assert.Single(events, e => e.Type == ChatEventType.Mode && e.Mode == ConversationMode.Human);
        Assert.Equal("agent", joined.AgentName); // the test account's name is its role
        Assert.Equal(held.Turn, joined.Turn);
        var modeAt = events.IndexOf(joined);
        Assert.DoesNotContain(events.Skip(modeAt), e => e.Role == MessageRole.Assistant && e.Type is ChatEventType.Token or ChatEventType.Done);
        var botReply = stored.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal("interrupted", botReply.GetProperty("status").GetString());
        var received = string.Concat(events.Where(e => e.Type == ChatEventType.Token && e.Seq == 2).OrderBy(e => e.Offset).Select(e => e.Text));
        Assert.Equal(botReply.GetProperty("text").GetString(), received);
        Assert.Contains(events, e => e.MessageId == written.Id && e.Author?.Name == "agent");
        // The private note reached agents (stored) but never the visitor.
        Assert.Contains(stored.GetProperty("items").EnumerateArray(), m => m.GetProperty("private").GetBoolean());
        Assert.DoesNotContain(events, e => e.Text == "Internal");
    }

    [Fact]
    public async Task Two_agents_one_wins_the_other_gets_409_naming_the_holder_and_a_viewer_may_not_reply()
    {
        using var owner = await Host.RegisterAsync();
        using var alice = await fixture.JoinAsync(owner, "agent");
        using var bob = await fixture.JoinAsync(owner, "editor");
        using var viewer = await fixture.JoinAsync(owner, "viewer");
        var bot = await owner.Http.CreateBotAsync();
        var conversation = (await owner.Http.AskAsync(bot.Id, "Hello")).ConversationId;

        var takeovers = await Task.WhenAll(alice.Http.PostAsync($"api/v1/conversations/{conversation}/takeover", null),
            bob.Http.PostAsync($"api/v1/conversations/{conversation}/takeover", null));
        var winner = takeovers[0].StatusCode == HttpStatusCode.OK ? alice : bob;
        var loser = Assert.Single(takeovers, r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json);
        using var viewerReply = await viewer.Http.PostAsJsonAsync($"api/v1/conversations/{conversation}/messages", new { text = "Hi" }, ApiHost.Json);
        using var viewerTakeover = await viewer.Http.PostAsync($"api/v1/conversations/{conversation}/takeover", null);
        using var tooLong = await winner.Http.PostAsJsonAsync($"api/v1/conversations/{conversation}/messages", new { text = new string('x', 4001) }, ApiHost.Json);
        using var notHolder = await (winner == alice ? bob : alice).Http.PostAsJsonAsync($"api/v1/conversations/{conversation}/messages", new { text = "Me too" }, ApiHost.Json);
        var messages = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversation}/messages", ApiHost.Json);

        Assert.Equal(1, takeovers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        Assert.Equal(winner.Id, problem.GetProperty("holder").GetProperty("id").GetString());
        Assert.Contains("held by", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await viewerReply.ProblemAsync(HttpStatusCode.Forbidden);
        await viewerTakeover.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("text", (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        await notHolder.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, messages.GetProperty("items").GetArrayLength());
        foreach (var response in takeovers)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Takeovers_of_closed_or_foreign_conversations_are_refused_and_change_nothing()
    {
        using var owner = await Host.RegisterAsync();
        using var stranger = await Host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        var conversation = (await owner.Http.AskAsync(bot.Id, "Hello")).ConversationId;

        using var foreign = await stranger.Http.PostAsync($"api/v1/conversations/{conversation}/takeover", null);
        using var close = await owner.Http.PostAsync($"api/v1/conversations/{conversation}/close", null);
        using var closedTakeover = await owner.Http.PostAsync($"api/v1/conversations/{conversation}/takeover", null);
        using var junk = await owner.Http.PostAsync("api/v1/conversations/no%20such/takeover", null);
        using var reopen = await owner.Http.PostAsync($"api/v1/conversations/{conversation}/reopen", null);
        var after = (await reopen.Content.ReadFromJsonAsync<ConversationInfo>(ApiHost.Json))!;

        await foreign.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(ConversationStatus.Closed, (await close.Content.ReadFromJsonAsync<ConversationInfo>(ApiHost.Json))!.Status);
        await closedTakeover.ProblemAsync(HttpStatusCode.Conflict);
        await junk.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(ConversationStatus.Open, after.Status);
        Assert.Equal(ConversationMode.Bot, after.Mode);
        Assert.Null(after.HeldBy);
    }

    [Fact]
    public async Task The_inbox_lists_with_filters_and_full_text_search_and_refuses_bad_filters_by_name()
    {
        using var owner = await Host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        var plain = (await owner.Http.AskAsync(bot.Id, "What are your opening hours?")).ConversationId;
        var refund = (await owner.Http.AskAsync(bot.Id, "My parcel arrived broken, I need a refund")).ConversationId;
        using (await owner.Http.PostAsync($"api/v1/conversations/{refund}/takeover", null))
        {
        }

        using var assign = await owner.Http.PutAsJsonAsync($"api/v1/conversations/{plain}/assignee", new { userId = owner.Id }, ApiHost.Json);
        using var badAssignee = await owner.Http.PutAsJsonAsync($"api/v1/conversations/{plain}/assignee", new { userId = "usr_nobody" }, ApiHost.Json);
        var all = await ListAsync(owner, "");
        var human = await ListAsync(owner, "?mode=human");
        var searched = await ListAsync(owner, "?q=refund%20parcel");
        var third = (await owner.Http.AskAsync(bot.Id, "Just browsing")).ConversationId;
        var unassigned = await ListAsync(owner, "?assigneeId=none&status=open&botId=" + bot.Id);
        var mine = await ListAsync(owner, "?assigneeId=" + owner.Id);
        var nothing = await ListAsync(owner, "?q=%22%22%22");
        using var badMode = await owner.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/conversations?mode=robot");
        using var badFlag = await owner.Http.GetAsync($"api/v1/workspaces/{owner.WorkspaceId}/conversations?unanswered=maybe");

        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Contains("userId", (await badAssignee.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.True(all.SequenceEqual([refund, plain]), $"all: {string.Join(",", all)}; refund {refund}, plain {plain}");
        Assert.Equal([refund], human);
        Assert.Equal([refund], searched);
        // A takeover assigns an unassigned conversation to the taker.
        Assert.Equal([third], unassigned);
        Assert.Equal([refund, plain], mine);
        Assert.Empty(nothing);
        Assert.Contains("mode", (await badMode.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Contains("unanswered", (await badFlag.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task An_agent_watching_the_inbox_sees_a_visitor_ask_for_a_person_without_a_reload_and_the_visitor_sees_the_agent_typing()
    {
        using var owner = await Host.RegisterAsync();
        using var agent = await fixture.JoinAsync(owner, "agent");
        var bot = await owner.Http.CreateBotAsync();
        await using var dashboard = fixture.Dashboard(agent);
        var inbox = new List<InboxEvent>();
        dashboard.On<InboxEvent>("inboxUpdated", e =>
        {
            lock (inbox)
            {
                inbox.Add(e);
            }
        });
        await dashboard.StartAsync();
        await dashboard.InvokeAsync("WatchInbox", owner.WorkspaceId);

        await using var visitor = Host.Hub();
        await visitor.StartAsync();
        var start = await visitor.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        var asked = await visitor.InvokeAsync<JsonElement>("RequestHuman", start.ConversationId);
        await WaitAsync(() => Snapshot(inbox).Any(e => e.Change == InboxChange.Mode && e.Conversation.Id == start.ConversationId));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var visitorSees = new List<ChatEvent>();
        var following = Task.Run(async () =>
        {
            await foreach (var e in visitor.StreamAsync<ChatEvent>("Resume", start.ConversationId, 0L, stop.Token))
            {
                lock (visitorSees)
                {
                    visitorSees.Add(e);
                }

                if (e.Type == ChatEventType.Typing)
                {
                    break;
                }
            }
        });
        await WaitAsync(() => Seen(visitorSees).Any(e => e.Type == ChatEventType.Mode));
        await dashboard.InvokeAsync("Typing", start.ConversationId);
        await following.WaitAsync(TimeSpan.FromSeconds(60));
        var refused = await Assert.ThrowsAsync<HubException>(() => dashboard.InvokeAsync("WatchInbox", "ws_not_mine"));

        Assert.True(asked.GetProperty("available").GetBoolean());
        Assert.Equal("waiting", asked.GetProperty("mode").GetString());
        var handoff = Snapshot(inbox).First(e => e.Change == InboxChange.Mode);
        Assert.Equal(HandoffReason.Visitor, handoff.Reason);
        Assert.Equal(ConversationMode.Waiting, handoff.Conversation.Mode);
        var typing = Seen(visitorSees).Last();
        Assert.Equal(MessageRole.Agent, typing.Role);
        Assert.Equal("agent", typing.AgentName);
        Assert.Contains("not found", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Nobody_online_gives_the_offline_message_and_the_visitor_can_leave_an_email()
    {
        using var owner = await Host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        using var patch = await owner.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}",
            new { liveChat = new { offlineMessage = "Back at nine.", businessHours = new[] { new { day = "monday", open = "09:00", close = "17:00" } }, timeZone = "Europe/Berlin" } },
            ApiHost.Json);
        using var badPatch = await owner.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { liveChat = new { timeZone = "Mars/Base" } }, ApiHost.Json);
        await using var visitor = Host.Hub();
        await visitor.StartAsync();
        var start = await visitor.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var asked = await visitor.InvokeAsync<JsonElement>("RequestHuman", start.ConversationId);
        using var email = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot.Id}/conversations/{start.ConversationId}/email")
        {
            Content = JsonContent.Create(new { email = "visitor@example.com" }, options: ApiHost.Json),
        };
        email.Headers.Add("X-Visitor-Token", start.VisitorToken);
        using var left = await Host.Http.SendAsync(email);
        var badEmail = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync("LeaveEmail", start.ConversationId, "nope"));
        var settings = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/chatbots/{bot.Id}", ApiHost.Json);

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Contains("liveChat.timeZone", (await badPatch.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.False(asked.GetProperty("available").GetBoolean());
        Assert.Equal("Back at nine.", asked.GetProperty("offlineMessage").GetString());
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Contains("email", badEmail.Message, StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", settings.GetProperty("liveChat").GetProperty("timeZone").GetString());
        Assert.Equal("Back at nine.", settings.GetProperty("liveChat").GetProperty("offlineMessage").GetString());
    }

    [Fact]
    public async Task Canned_responses_are_managed_per_workspace_and_rendered_with_the_conversation_s_variables()
    {
        using var owner = await Host.RegisterAsync();
        using var viewer = await fixture.JoinAsync(owner, "viewer");
        var bot = await owner.Http.CreateBotAsync();
        var conversation = (await owner.Http.AskAsync(bot.Id, "Hello")).ConversationId;
        var path = $"api/v1/workspaces/{owner.WorkspaceId}/canned-responses";

        using var created = await owner.Http.PostAsJsonAsync(path, new { shortcut = "hello", title = "Greeting", text = "Hi {{visitor.name}}, {{agent.name}} here from {{bot.name}}. {{unknown.thing}}" }, ApiHost.Json);
        var response = await created.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json);
        var id = response.GetProperty("id").GetString();
        using var duplicate = await owner.Http.PostAsJsonAsync(path, new { shortcut = "HELLO", title = "Again", text = "x" }, ApiHost.Json);
        using var invalid = await owner.Http.PostAsJsonAsync(path, new { shortcut = "no spaces", title = "", text = "x" }, ApiHost.Json);
        using var byViewer = await viewer.Http.PostAsJsonAsync(path, new { shortcut = "v", title = "V", text = "x" }, ApiHost.Json);
        using var rendered = await owner.Http.PostAsJsonAsync($"{path}/{id}/render", new { conversationId = conversation }, ApiHost.Json);
        using var renamed = await owner.Http.PatchAsJsonAsync($"{path}/{id}", new { title = "Hello there" }, ApiHost.Json);
        var listed = await viewer.Http.GetFromJsonAsync<JsonElement>(path, ApiHost.Json);
        using var deleted = await owner.Http.DeleteAsync($"{path}/{id}");
        using var again = await owner.Http.DeleteAsync($"{path}/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        var errors = (await invalid.ProblemAsync(HttpStatusCode.BadRequest)).Errors!;
        Assert.Contains("shortcut", errors.Keys);
        Assert.Contains("title", errors.Keys);
        await byViewer.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Hi there, Test User here from Test bot. {{unknown.thing}}", (await rendered.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("text").GetString());
        Assert.Equal("Hello there", (await renamed.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("title").GetString());
        Assert.Equal(1, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.ProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<string[]> ListAsync(TestUser user, string query)
    {
        var page = await user.Http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{user.WorkspaceId}/conversations{query}", ApiHost.Json);
        return page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();
    }

    private static List<ChatEvent> Seen(List<ChatEvent> events)
    {
        lock (events)
        {
            return [.. events];
        }
    }

    private static List<InboxEvent> Snapshot(List<InboxEvent> events)
    {
        lock (events)
        {
            return [.. events];
        }
    }

    /// <summary>Waits for something a live channel brings; a guard against hangs, not a timing assertion.</summary>
    private static async Task WaitAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the awaited event never came");
            await Task.Delay(20);
        }
    }
}
