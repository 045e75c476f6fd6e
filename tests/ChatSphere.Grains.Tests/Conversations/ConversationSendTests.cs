using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Tests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ConversationSendTests(ClusterFixture fixture)
{
    private static readonly string Reply = Chats.InstantReply(50);

    [Fact]
    public async Task Questions_and_replies_are_numbered_1_2_then_3_4()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);

        var (first, _) = await grain.SendAndWaitAsync(recorder, "  How do I pay?  ");
        var (second, _) = await grain.SendAndWaitAsync(recorder, "And shipping?");

        Assert.Equal((1, 2), (first.UserMessage.Seq, first.ReplySeq));
        Assert.Equal((3, 4), (second.UserMessage.Seq, second.ReplySeq));
        Assert.False(first.Duplicate);
        Assert.Null(first.Reply);
        Assert.Equal("How do I pay?", first.UserMessage.Text);
        Assert.Equal(MessageRole.User, first.UserMessage.Role);
        var log = (await grain.GetMessagesAsync(0, 10)).Items;
        Assert.Equal([1L, 2, 3, 4], log.Select(m => m.Seq));
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant], log.Select(m => m.Role));
        Assert.All(log, m => Assert.Equal(MessageStatus.Complete, m.Status));
        Assert.Equal(Chats.Essence(first.UserMessage), Chats.Essence(log[0]));
        Assert.Equal([first.UserMessage.Id, first.ReplyMessageId, second.UserMessage.Id, second.ReplyMessageId], log.Select(m => m.Id));
        Assert.Equal(Reply, log[1].Text);
        var info = await grain.GetAsync();
        Assert.Equal(4, info!.LastSeq);
        Assert.Equal(Reply[..199] + "…", info.LastMessagePreview);
    }

    [Fact]
    public async Task The_observer_sees_the_question_contiguous_tokens_and_done()
    {
        var (grain, info) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);

        var receipt = await grain.SendAsync(Chats.Message("What are your opening hours?"), recorder.Reference);
        var done = await recorder.WaitForWholeReplyAsync(receipt.ReplySeq);

        var question = Assert.Single(recorder.EventsOf(receipt.UserMessage.Seq));
        Assert.Equal(ChatEventType.Message, question.Type);
        Assert.Equal(MessageRole.User, question.Role);
        Assert.Equal(receipt.UserMessage.Id, question.MessageId);
        Assert.Equal("What are your opening hours?", question.Text);

        var reply = recorder.EventsOf(receipt.ReplySeq);
        Assert.Single(reply, e => e.Type == ChatEventType.Done);
        Assert.DoesNotContain(reply, e => e.Type is ChatEventType.Error or ChatEventType.Message);
        // Arrival order is not promised; the offsets say where each piece goes, and they leave no gap and no overlap.
        var tokens = reply.Where(e => e.Type == ChatEventType.Token).OrderBy(e => e.Offset).ToArray();
        Assert.NotEmpty(tokens);
        var offset = 0;
        foreach (var token in tokens)
        {
            Assert.Equal(offset, token.Offset);
            Assert.NotEmpty(token.Text);
            Assert.Equal(receipt.ReplyMessageId, token.MessageId);
            Assert.Equal(MessageRole.Assistant, token.Role);
            offset += token.Text.Length;
        }

        Assert.Equal(done.Text, string.Concat(tokens.Select(t => t.Text)));
        Assert.Equal(Reply, done.Text);
        Assert.Equal(receipt.ReplyMessageId, done.MessageId);
        Assert.Equal(MessageRole.Assistant, done.Role);
        Assert.Equal(MessageStatus.Complete, done.Status);
        Assert.Equal([info.Id], recorder.ConversationIds);
    }

    [Fact]
    public async Task A_question_sent_before_the_reply_is_done_waits_for_it()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);

        var sends = await Task.WhenAll(
            grain.SendAsync(Chats.Message("One"), recorder.Reference),
            grain.SendAsync(Chats.Message("Two"), recorder.Reference),
            grain.SendAsync(Chats.Message("Three"), recorder.Reference));
        await recorder.WaitForDoneAsync(6);

        Assert.Equal([1L, 3, 5], sends.Select(s => s.UserMessage.Seq).Order());
        var log = (await grain.GetMessagesAsync(0, 10)).Items;
        Assert.Equal([1L, 2, 3, 4, 5, 6], log.Select(m => m.Seq));
        Assert.Equal(
            Enumerable.Repeat(new[] { MessageRole.User, MessageRole.Assistant }, 3).SelectMany(r => r),
            log.Select(m => m.Role));
        Assert.All(log.Where(m => m.Role == MessageRole.Assistant), m => Assert.Equal(Reply, m.Text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public async Task An_empty_text_names_the_field(string text)
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.SendAsync(Chats.Message(text), null));

        Assert.Equal(["text"], error.Errors.Keys);
        Assert.Equal(0, (await grain.GetAsync())!.LastSeq);
    }

    [Fact]
    public async Task A_text_of_4000_characters_is_taken_and_one_more_is_refused()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.SendAsync(Chats.Message(new string('a', 4001)), null));
        var (receipt, _) = await grain.SendAndWaitAsync(recorder, new string('b', 4000));

        Assert.Equal(["text"], error.Errors.Keys);
        Assert.Equal(1, receipt.UserMessage.Seq);
        Assert.Equal(4000, receipt.UserMessage.Text.Length);
    }

    [Theory]
    [InlineData(129)]
    [InlineData(500)]
    public async Task A_client_message_id_over_128_characters_names_the_field(int length)
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.SendAsync(Chats.Message("Hi", new string('c', length)), null));

        Assert.Equal(["clientMessageId"], error.Errors.Keys);
        Assert.Equal(0, (await grain.GetAsync())!.LastSeq);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("line\nbreak")]
    public async Task A_blank_or_unprintable_client_message_id_names_the_field(string clientMessageId)
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.SendAsync(Chats.Message("Hi", clientMessageId), null));

        Assert.Equal(["clientMessageId"], error.Errors.Keys);
    }

    [Fact]
    public async Task Both_fields_at_fault_are_reported_together()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.SendAsync(Chats.Message("", new string('c', 129)), null));

        Assert.Equal(["clientMessageId", "text"], error.Errors.Keys.Order());
    }
}
