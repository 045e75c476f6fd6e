using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class ChatApiTests(EmbeddedApiFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task The_demo_bot_answers_from_its_knowledge_with_a_citation()
    {
        var reply = await WaitForDemoAnswerAsync("what is chatsphere?");
        Assert.Equal(MessageRole.Assistant, reply.Role);
        Assert.Equal(MessageStatus.Complete, reply.Status);
        Assert.Contains("open platform", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(reply.Citations);
        Assert.Equal(2, reply.Seq);
    }

    [Fact]
    public async Task The_demo_bot_falls_back_when_its_knowledge_has_no_answer()
    {
        await WaitForDemoAnswerAsync("What is ChatSphere?");
        var reply = await Http.AskAsync("demo", "What's the boiling point of tungsten in kelvin?");
        Assert.StartsWith("I'm not sure about that one.", reply.Text);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task Streaming_reply_is_tokens_then_done_and_they_agree()
    {
        var bot = await Http.CreateBotAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot.Id}/messages")
        {
            Content = JsonContent.Create(new { text = "Hello there" }, options: ApiHost.Json),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = await SseReader.ReadAllAsync(response);
        Assert.Equal("done", events[^1].Event);
        var tokens = events.SkipLast(1).ToList();
        Assert.Equal(50, tokens.Count);
        Assert.All(tokens, t => Assert.Equal("token", t.Event));
        var streamed = string.Concat(tokens.Select(t => t.Data.GetProperty("text").GetString()));
        var done = events[^1].Data;
        Assert.Equal(done.GetProperty("text").GetString(), streamed);
        Assert.StartsWith("conv_", done.GetProperty("conversationId").GetString());
        Assert.Equal(0, done.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task A_retry_with_the_same_client_message_id_returns_the_first_reply()
    {
        var bot = await Http.CreateBotAsync();
        var first = await Http.AskAsync(bot.Id, "Once only", clientMessageId: "retry-1");
        var second = await Http.AskAsync(bot.Id, "Once only", first.ConversationId, "retry-1");
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.QuestionId, second.QuestionId);
        Assert.Equal(first.Text, second.Text);

        var third = await Http.AskAsync(bot.Id, "Next question", first.ConversationId, "retry-2");
        Assert.Equal(4, third.Seq);

        var messages = await Http.GetFromJsonAsync<PageDto<ConversationMessage>>($"api/v1/conversations/{first.ConversationId}/messages", ApiHost.Json);
        Assert.Equal([1L, 2, 3, 4], messages!.Items.Select(m => m.Seq));
        Assert.Equal("retry-1", messages.Items[0].ClientMessageId);
    }

    [Fact]
    public async Task Conversations_are_listed_newest_first_and_messages_paged()
    {
        var bot = await Http.CreateBotAsync();
        var a = await Http.AskAsync(bot.Id, "first conversation");
        var b = await Http.AskAsync(bot.Id, "second conversation");
        await Http.AskAsync(bot.Id, "again", b.ConversationId);
        for (var i = 0; i < 3; i++)
        {
            await Http.AskAsync(bot.Id, $"more {i}", a.ConversationId);
        }

        var list = await Http.GetFromJsonAsync<PageDto<ConversationInfo>>($"api/v1/chatbots/{bot.Id}/conversations?limit=1", ApiHost.Json);
        Assert.Equal(a.ConversationId, list!.Items.Single().Id);
        Assert.NotNull(list.NextCursor);
        var next = await Http.GetFromJsonAsync<PageDto<ConversationInfo>>($"api/v1/chatbots/{bot.Id}/conversations?limit=1&cursor={list.NextCursor}", ApiHost.Json);
        Assert.Equal(b.ConversationId, next!.Items.Single().Id);
        Assert.Null(next.NextCursor);

        var conversation = await Http.GetFromJsonAsync<ConversationInfo>($"api/v1/conversations/{a.ConversationId}", ApiHost.Json);
        Assert.Equal(8, conversation!.LastSeq);
        Assert.Equal(bot.Id, conversation.BotId);

        var seqs = new List<long>();
        string? cursor = null;
        do
        {
            var page = await Http.GetFromJsonAsync<PageDto<ConversationMessage>>(
                $"api/v1/conversations/{a.ConversationId}/messages?limit=3&cursor={cursor}", ApiHost.Json);
            seqs.AddRange(page!.Items.Select(m => m.Seq));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task Bad_chat_input_is_a_problem_never_a_500()
    {
        var bot = await Http.CreateBotAsync();
        using (var tooLong = await Http.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = new string('a', 4001) }, ApiHost.Json))
        {
            var problem = await tooLong.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("text", problem.Errors!.Keys);
        }

        using (var empty = await Http.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "   " }, ApiHost.Json))
        {
            Assert.Contains("text", (await empty.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        using (var wrongType = await Http.PostAsync($"api/v1/chat/{bot.Id}/messages", new StringContent("{\"text\": [1,2]}", Encoding.UTF8, "application/json")))
        {
            Assert.Contains("$.text", (await wrongType.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        }

        using (var unknownBot = await Http.PostAsJsonAsync("api/v1/chat/bot_missing/messages", new { text = "hi" }, ApiHost.Json))
        {
            await unknownBot.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var otherBotsConversation = await Http.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hi", conversationId = "conv_unknown" }, ApiHost.Json))
        {
            await otherBotsConversation.ProblemAsync(HttpStatusCode.NotFound);
        }

        using var longKey = await Http.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hi", clientMessageId = new string('k', 129) }, ApiHost.Json);
        Assert.Contains("clientMessageId", (await longKey.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        var bot = await Http.CreateBotAsync();
        await Http.AskAsync(bot.Id, "count me");
        // The exporter caches a scrape for a moment; the counters appear once a message was stored.
        var text = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await Http.GetAsync("metrics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
                return await response.Content.ReadAsStringAsync();
            },
            t => t.Contains("chatsphere_messages_received", StringComparison.Ordinal),
            "the message counters in the scrape",
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(300));

        Assert.Contains("chatsphere_messages_received", text);
        Assert.Contains("chatsphere_replies", text);
        Assert.Contains("status=\"complete\"", text);
    }

    private async Task<ReplyDto> WaitForDemoAnswerAsync(string question)
    {
        // The demo bot is seeded in the background on first start.
        await Eventually.HoldsAsync(
            async () =>
            {
                using var sources = await Http.GetAsync("api/v1/chatbots/demo/sources?limit=100");
                return sources.StatusCode == HttpStatusCode.OK
                    && (await sources.Content.ReadFromJsonAsync<PageDto<System.Text.Json.JsonElement>>(ApiHost.Json))!.Items.Count >= 12;
            },
            "the demo bot seeded with its 12 sources",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(200));
        return await Http.AskAsync("demo", question);
    }
}
