using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 2: continuing a conversation over REST needs the visitor's token or workspace access.</summary>
[Collection(SecurityApiCollection.Name)]
public sealed class ConversationAccessTests(SecurityApiFixture fixture)
{
    [Fact]
    public async Task A_stranger_with_only_the_conversation_id_can_neither_write_into_it_nor_replay_its_replies()
    {
        var (owner, bot) = await fixture.OwnerWithBotAsync();
        using var visitor = fixture.Anonymous();
        using var started = await visitor.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "My order number is 1234", clientMessageId = "v-1" }, ApiHost.Json);
        var first = (await started.Content.ReadFromJsonAsync<ReplyDto>(ApiHost.Json))!;
        Assert.False(string.IsNullOrEmpty(first.VisitorToken));

        using var stranger = fixture.Anonymous();
        var written = await (await stranger.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Injected", conversationId = first.ConversationId }, ApiHost.Json)).ProblemAsync(HttpStatusCode.Forbidden);
        var replayed = await (await stranger.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "anything", conversationId = first.ConversationId, clientMessageId = "v-1" }, ApiHost.Json)).ProblemAsync(HttpStatusCode.Forbidden);
        using var streamed = await stranger.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Injected by SSE", conversationId = first.ConversationId, stream = true }, ApiHost.Json);
        using var forged = await stranger.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Forged", conversationId = first.ConversationId, visitorToken = "not-a-token" }, ApiHost.Json);

        Assert.Contains("visitorToken", written.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Text, JsonSerializer.Serialize(replayed));
        Assert.Equal(HttpStatusCode.Forbidden, streamed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var messages = (await owner.Http.GetFromJsonAsync<PageDto<ReplyDto>>($"api/v1/conversations/{first.ConversationId}/messages?limit=100", ApiHost.Json))!;
        Assert.Equal(2, messages.Items.Count);
        Assert.DoesNotContain(messages.Items, m => m.Text.StartsWith("Injected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_visitor_continues_with_the_token_in_the_body_or_the_header_and_by_SSE_and_members_with_their_credential()
    {
        var (owner, bot) = await fixture.OwnerWithBotAsync();
        using var visitor = fixture.Anonymous();
        var first = await visitor.AskAsync(bot.Id, "Hello");

        using var inBody = await visitor.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Second", conversationId = first.ConversationId, visitorToken = first.VisitorToken }, ApiHost.Json);
        var second = (await inBody.Content.ReadFromJsonAsync<ReplyDto>(ApiHost.Json))!;
        using var byHeader = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot.Id}/messages")
        {
            Content = JsonContent.Create(new { text = "Third", conversationId = first.ConversationId, stream = true }),
        };
        byHeader.Headers.Add("X-Visitor-Token", second.VisitorToken);
        using var sse = await visitor.SendAsync(byHeader);
        var events = await SseReader.ReadAllAsync(sse);
        var member = await owner.Http.AskAsync(bot.Id, "Fourth, from the workspace", first.ConversationId);

        Assert.Equal(HttpStatusCode.OK, inBody.StatusCode);
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.False(string.IsNullOrEmpty(second.VisitorToken));
        Assert.Equal(HttpStatusCode.OK, sse.StatusCode);
        var done = events.Single(e => e.Event == "done").Data;
        Assert.Equal(first.ConversationId, done.GetProperty("conversationId").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("visitorToken").GetString()));
        Assert.Equal(first.ConversationId, member.ConversationId);
        Assert.Null(member.VisitorToken);
    }

    [Fact]
    public async Task A_token_of_one_conversation_does_not_open_another()
    {
        var (_, bot) = await fixture.OwnerWithBotAsync();
        using var alice = fixture.Anonymous();
        using var bob = fixture.Anonymous();
        var hers = await alice.AskAsync(bot.Id, "Alice here");
        var his = await bob.AskAsync(bot.Id, "Bob here");

        using var crossed = await bob.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Into Alice's", conversationId = hers.ConversationId, visitorToken = his.VisitorToken }, ApiHost.Json);

        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
    }

    [Fact]
    public async Task A_hub_token_continues_the_same_conversation_over_REST()
    {
        var (_, bot) = await fixture.OwnerWithBotAsync();
        await using var hub = fixture.Visitor();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        using var visitor = fixture.Anonymous();
        using var continued = await visitor.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Same conversation, by REST", conversationId = start.ConversationId, visitorToken = start.VisitorToken }, ApiHost.Json);

        Assert.Equal(HttpStatusCode.OK, continued.StatusCode);
        Assert.Equal(start.ConversationId, (await continued.Content.ReadFromJsonAsync<ReplyDto>(ApiHost.Json))!.ConversationId);
    }
}
