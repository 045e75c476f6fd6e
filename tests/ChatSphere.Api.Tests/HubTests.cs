using System.Net.Http.Json;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class HubTests(EmbeddedApiFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Send_streams_the_question_tokens_and_done()
    {
        var bot = await fixture.Http.CreateBotAsync(new { name = "Hub bot", welcomeMessage = "Welcome!", answer = new { model = "instant" } });
        await using var hub = Host.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        Assert.Equal("Welcome!", start.Welcome);
        Assert.Equal(0, start.LastSeq);

        var events = await ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "Hello"));
        Assert.Equal(ChatEventType.Message, events[0].Type);
        Assert.Equal(1, events[0].Seq);
        Assert.Equal("Hello", events[0].Text);
        Assert.Equal(ChatEventType.Done, events[^1].Type);
        Assert.Equal(2, events[^1].Seq);
        var tokens = events.Where(e => e.Type == ChatEventType.Token).ToList();
        Assert.Equal(50, tokens.Count);
        Assert.Equal(events[^1].Text, Assemble(tokens));
    }

    [Fact]
    public async Task Live_tokens_still_arrive_after_a_full_garbage_collection()
    {
        // Orleans holds observer objects weakly; the node's feed must keep its observers alive itself.
        var bot = await fixture.Http.CreateBotAsync();
        await using var hub = Host.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        await ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "before", "warm up"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var events = await ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "after", "still streaming?"));
        Assert.Equal(50, events.Count(e => e.Type == ChatEventType.Token));
    }

    [Fact]
    public async Task The_same_visitor_token_continues_the_conversation_and_resume_replays_it()
    {
        var bot = await fixture.Http.CreateBotAsync();
        await using var first = Host.Hub();
        await first.StartAsync();
        var start = await first.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        await ReadAllAsync(first.StreamAsync<ChatEvent>("Send", start.ConversationId, "a", "one"));
        await ReadAllAsync(first.StreamAsync<ChatEvent>("Send", start.ConversationId, "b", "two"));

        await using var second = Host.Hub();
        await second.StartAsync();
        var again = await second.InvokeAsync<StartDto>("StartConversation", bot.Id, start.VisitorToken);
        Assert.Equal(start.ConversationId, again.ConversationId);
        Assert.Equal(4, again.LastSeq);

        var replay = new List<ChatEvent>();
        await foreach (var e in second.StreamAsync<ChatEvent>("Resume", again.ConversationId, 1L))
        {
            replay.Add(e);
            if (replay.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([2L, 3, 4], replay.Select(e => e.Seq));
        Assert.Equal([ChatEventType.Done, ChatEventType.Message, ChatEventType.Done], replay.Select(e => e.Type));

        var fresh = await second.InvokeAsync<StartDto>("NewConversation", bot.Id, start.VisitorToken);
        Assert.NotEqual(start.ConversationId, fresh.ConversationId);
        Assert.Equal(0, fresh.LastSeq);
    }

    [Fact]
    public async Task A_retried_send_over_the_hub_makes_no_second_message_or_reply()
    {
        var bot = await fixture.Http.CreateBotAsync();
        await using var hub = Host.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        var first = await ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "same", "Hi"));
        var retry = await ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "same", "Hi"));

        Assert.Equal(first[0].MessageId, retry[0].MessageId);
        Assert.Equal(first[^1].MessageId, retry[^1].MessageId);
        Assert.Equal(first[^1].Text, retry[^1].Text);
        var conversation = await fixture.Http.GetFromJsonAsync<ConversationInfo>($"api/v1/conversations/{start.ConversationId}", ApiHost.Json);
        Assert.Equal(2, conversation!.LastSeq);
    }

    [Fact]
    public async Task Errors_fail_the_call_and_keep_the_connection()
    {
        var bot = await fixture.Http.CreateBotAsync();
        await using var hub = Host.Hub();
        await hub.StartAsync();

        var unknownBot = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<StartDto>("StartConversation", "bot_missing", null));
        Assert.Contains("not found", unknownBot.Message);
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, "forged-token");
        Assert.NotEqual("forged-token", start.VisitorToken);

        var tooLong = await Assert.ThrowsAsync<HubException>(() => ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "x", new string('a', 4001))));
        Assert.Contains("text", tooLong.Message);
        var notOpened = await Assert.ThrowsAsync<HubException>(() => ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", "conv_someone_else", "x", "hi")));
        Assert.Contains("StartConversation", notOpened.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<StartDto>("StartConversation", 42, new[] { 1 }));
        await Assert.ThrowsAsync<HubException>(() => ReadAllAsync(hub.StreamAsync<ChatEvent>("Resume", start.ConversationId, -1L)));

        Assert.Equal(HubConnectionState.Connected, hub.State);
        var events = await ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "ok", "still here?"));
        Assert.Equal(ChatEventType.Done, events[^1].Type);
    }

    internal static async Task<List<ChatEvent>> ReadAllAsync(IAsyncEnumerable<ChatEvent> stream)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in stream)
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Applies token events as the widget does: text = text[..offset] + piece.</summary>
    internal static string Assemble(IEnumerable<ChatEvent> tokens)
    {
        var text = "";
        foreach (var t in tokens)
        {
            Assert.True(t.Offset <= text.Length, $"gap before offset {t.Offset} (have {text.Length})");
            text = text[..t.Offset] + t.Text;
        }

        return text;
    }
}
