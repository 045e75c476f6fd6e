using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>A retried send (same clientMessageId) never makes a second message or reply, whatever the grain remembers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationIdempotencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_retry_returns_the_first_receipt_and_stored_reply_without_a_new_seq()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        var (original, done) = await grain.SendAndWaitAsync(recorder, "Where is my order?", "retry-me");

        var retry = await grain.SendAsync(Chats.Message("Where is my order? (resent)", "retry-me"), recorder.Reference);

        AssertDuplicateOf(original, retry);
        Assert.Equal(done.Text, retry.Reply!.Text);
        Assert.Equal(MessageStatus.Complete, retry.Reply.Status);
        Assert.Null(retry.Partial);
        Assert.Equal(2, (await grain.GetAsync())!.LastSeq);
        await AssertNextSendTakesSeqAsync(grain, recorder, 3);
    }

    [Fact]
    public async Task A_retry_after_the_grain_was_deactivated_is_found_in_the_table()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        var (original, done) = await grain.SendAndWaitAsync(recorder, "Where is my order?", "retry-me");

        await Activations.CollectIdleAsync(fixture.Grains, grain);
        var retry = await grain.SendAsync(Chats.Message("Where is my order?", "retry-me"), recorder.Reference);

        AssertDuplicateOf(original, retry);
        Assert.Equal(done.Text, retry.Reply!.Text);
        await AssertNextSendTakesSeqAsync(grain, recorder, 3);
    }

    [Fact]
    public async Task A_retry_of_a_message_older_than_the_in_memory_tail_is_found_in_the_table()
    {
        const int exchanges = 27; // 54 messages: the grain keeps the newest 50 in memory
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        var receipts = await grain.ExchangeAsync(recorder, exchanges);

        var liveRetryOfFirst = await grain.SendAsync(Chats.Message("Question 1", "client-1"), recorder.Reference);
        var liveRetryOfSecond = await grain.SendAsync(Chats.Message("Question 2", "client-2"), recorder.Reference);
        await Activations.CollectIdleAsync(fixture.Grains, grain);
        var retryOfFirst = await grain.SendAsync(Chats.Message("Question 1", "client-1"), recorder.Reference);
        var retryOfLast = await grain.SendAsync(Chats.Message($"Question {exchanges}", $"client-{exchanges}"), recorder.Reference);

        AssertDuplicateOf(receipts[0], liveRetryOfFirst);
        AssertDuplicateOf(receipts[1], liveRetryOfSecond);
        AssertDuplicateOf(receipts[0], retryOfFirst);
        AssertDuplicateOf(receipts[^1], retryOfLast);
        Assert.Equal(Chats.InstantReply(50), retryOfFirst.Reply!.Text);
        Assert.Equal(2 * exchanges, (await grain.GetAsync())!.LastSeq);
        await AssertNextSendTakesSeqAsync(grain, recorder, 2 * exchanges + 1);
    }

    [Fact]
    public async Task The_same_client_message_id_in_another_conversation_is_a_new_message()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var (first, _) = await Chats.StartAsync(fixture.Grains, bot.Id);
        var (second, _) = await Chats.StartAsync(fixture.Grains, bot.Id);
        using var firstRecorder = new EventRecorder(fixture.Grains);
        using var secondRecorder = new EventRecorder(fixture.Grains);

        var (a, _) = await first.SendAndWaitAsync(firstRecorder, "Hello", "shared-id");
        var (b, _) = await second.SendAndWaitAsync(secondRecorder, "Hello", "shared-id");

        Assert.False(b.Duplicate);
        Assert.NotEqual(a.UserMessage.Id, b.UserMessage.Id);
        Assert.Equal(1, b.UserMessage.Seq);
    }

    private static void AssertDuplicateOf(SendReceipt original, SendReceipt retry)
    {
        Assert.True(retry.Duplicate);
        Assert.Equal(Chats.Essence(original.UserMessage), Chats.Essence(retry.UserMessage));
        Assert.Equal(original.ReplySeq, retry.ReplySeq);
        Assert.Equal(original.ReplyMessageId, retry.ReplyMessageId);
        Assert.NotNull(retry.Reply);
        Assert.Equal(original.ReplyMessageId, retry.Reply.Id);
        Assert.Equal(original.ReplySeq, retry.Reply.Seq);
        Assert.Equal(MessageRole.Assistant, retry.Reply.Role);
    }

    /// <summary>The retries above took no seq: the next new question gets <paramref name="seq"/>, and the log has no gap.</summary>
    private static async Task AssertNextSendTakesSeqAsync(IConversationGrain grain, EventRecorder recorder, long seq)
    {
        var (next, _) = await grain.SendAndWaitAsync(recorder, "Something new");
        Assert.False(next.Duplicate);
        Assert.Equal(seq, next.UserMessage.Seq);

        var (log, _) = await grain.ReadLogAsync(500);
        Assert.Equal(Enumerable.Range(1, (int)seq + 1).Select(i => (long)i), log.Select(m => m.Seq));
    }
}
