using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>What readers get while a reply is still being generated.</summary>
public sealed class SlowReplyTests(SlowModelCluster cluster) : IClassFixture<SlowModelCluster>
{
    private static readonly string Reply = Chats.InstantReply(SlowModelCluster.Words);

    [Fact]
    public async Task Resume_mid_reply_gives_the_stored_messages_and_the_text_so_far_as_a_partial()
    {
        var (grain, _) = await Chats.StartAsync(cluster.Grains);
        using var recorder = new EventRecorder(cluster.Grains);
        var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), recorder.Reference);
        await recorder.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);
        var seen = TextSoFar(recorder.EventsOf(receipt.ReplySeq));

        var afterQuestion = await grain.ResumeAsync(1, 10, null);
        var fromStart = await grain.ResumeAsync(0, 10, null);
        var afterReply = await grain.ResumeAsync(2, 10, null);
        var storedMidway = await grain.GetMessagesAsync(0, 10);
        var done = await recorder.WaitForDoneAsync(receipt.ReplySeq);
        var afterDone = await grain.ResumeAsync(1, 10, null);

        Assert.Empty(afterQuestion.Messages);
        Assert.False(afterQuestion.HasMore);
        Assert.Equal(1, afterQuestion.LastSeq);
        var partial = afterQuestion.Partial;
        Assert.NotNull(partial);
        Assert.Equal(ChatEventType.Token, partial.Type);
        Assert.Equal(0, partial.Offset);
        Assert.Equal(receipt.ReplySeq, partial.Seq);
        Assert.Equal(receipt.ReplyMessageId, partial.MessageId);
        Assert.Equal(MessageRole.Assistant, partial.Role);
        Assert.StartsWith(seen, partial.Text, StringComparison.Ordinal);
        Assert.StartsWith(partial.Text, Reply, StringComparison.Ordinal);
        Assert.True(partial.Text.Length < Reply.Length, "the reply had already finished: the model is not paced slowly enough");

        Assert.Equal([receipt.UserMessage.Id], fromStart.Messages.Select(m => m.Id));
        Assert.NotNull(fromStart.Partial);
        Assert.StartsWith(partial.Text, fromStart.Partial.Text, StringComparison.Ordinal);
        Assert.Empty(afterReply.Messages);
        Assert.Null(afterReply.Partial);
        Assert.Equal([receipt.UserMessage.Id], storedMidway.Items.Select(m => m.Id));

        Assert.Equal(Reply, done.Text);
        var stored = Assert.Single(afterDone.Messages);
        Assert.Equal(receipt.ReplyMessageId, stored.Id);
        Assert.Equal(Reply, stored.Text);
        Assert.Null(afterDone.Partial);
        Assert.Equal(2, afterDone.LastSeq);
    }

    [Fact]
    public async Task A_reader_that_resumes_mid_reply_rebuilds_the_whole_reply_from_the_partial_and_later_tokens()
    {
        var (grain, _) = await Chats.StartAsync(cluster.Grains);
        using var sender = new EventRecorder(cluster.Grains);
        using var joiner = new EventRecorder(cluster.Grains);
        var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), sender.Reference);
        await sender.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);

        var batch = await grain.ResumeAsync(receipt.UserMessage.Seq, 10, joiner.Reference);
        Assert.NotNull(batch.Partial);
        var done = await joiner.WaitForWholeReplyAsync(receipt.ReplySeq, from: batch.Partial.Text.Length);

        var text = batch.Partial.Text;
        foreach (var token in joiner.EventsOf(receipt.ReplySeq).Where(e => e.Type == ChatEventType.Token).OrderBy(e => e.Offset))
        {
            // The documented way to apply a token: text = text[..offset] + token.text; a piece the partial holds is skipped.
            Assert.True(token.Offset <= text.Length, $"a gap before offset {token.Offset}");
            text = token.Offset + token.Text.Length > text.Length ? text[..token.Offset] + token.Text : text;
        }

        Assert.Equal(Reply, done.Text);
        Assert.Equal(Reply, text);
    }

    [Fact]
    public async Task A_retry_while_the_reply_streams_returns_the_partial_and_makes_no_second_reply()
    {
        var (grain, _) = await Chats.StartAsync(cluster.Grains);
        using var recorder = new EventRecorder(cluster.Grains);
        var receipt = await grain.SendAsync(Chats.Message("Tell me everything", "slow-retry"), recorder.Reference);
        await recorder.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);

        var retry = await grain.SendAsync(Chats.Message("Tell me everything", "slow-retry"), recorder.Reference);
        var done = await recorder.WaitForDoneAsync(receipt.ReplySeq);

        Assert.True(retry.Duplicate);
        Assert.Equal(receipt.UserMessage.Id, retry.UserMessage.Id);
        Assert.Equal(receipt.ReplySeq, retry.ReplySeq);
        Assert.Equal(receipt.ReplyMessageId, retry.ReplyMessageId);
        Assert.Null(retry.Reply);
        Assert.NotNull(retry.Partial);
        Assert.Equal(0, retry.Partial.Offset);
        Assert.Equal(receipt.ReplyMessageId, retry.Partial.MessageId);
        Assert.StartsWith(retry.Partial.Text, done.Text, StringComparison.Ordinal);
        var log = (await grain.GetMessagesAsync(0, 10)).Items;
        Assert.Equal([receipt.UserMessage.Id, receipt.ReplyMessageId], log.Select(m => m.Id));
        Assert.Equal(2, (await grain.GetAsync())!.LastSeq);
    }

    /// <summary>The reply text the tokens give from offset 0 up to the first piece not yet arrived.</summary>
    private static string TextSoFar(IEnumerable<ChatEvent> events)
    {
        var text = "";
        foreach (var token in events.Where(e => e.Type == ChatEventType.Token).OrderBy(e => e.Offset))
        {
            if (token.Offset != text.Length)
            {
                break;
            }

            text += token.Text;
        }

        return text;
    }
}
