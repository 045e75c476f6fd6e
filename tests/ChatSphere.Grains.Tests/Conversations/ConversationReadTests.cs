using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>Reading the log back: resume after a seq, and pages of messages, from memory and from the table.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationReadTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Resume_returns_exactly_the_messages_after_the_given_seq()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        await grain.ExchangeAsync(recorder, 3);
        var log = (await grain.GetMessagesAsync(0, 100)).Items;

        foreach (var afterSeq in new long[] { 0, 1, 3, 5 })
        {
            var batch = await grain.ResumeAsync(afterSeq, 100, null);

            Assert.Equal(log.Where(m => m.Seq > afterSeq).Select(Chats.Essence), batch.Messages.Select(Chats.Essence));
            Assert.False(batch.HasMore);
            Assert.Null(batch.Partial);
            Assert.Equal(6, batch.LastSeq);
        }

        var upToDate = await grain.ResumeAsync(6, 100, null);
        Assert.Empty(upToDate.Messages);
        Assert.False(upToDate.HasMore);
        Assert.Equal(6, upToDate.LastSeq);
    }

    [Fact]
    public async Task Resume_with_a_small_limit_pages_with_has_more()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        await grain.ExchangeAsync(recorder, 3);

        var first = await grain.ResumeAsync(0, 2, null);
        var second = await grain.ResumeAsync(first.Messages[^1].Seq, 2, null);
        var third = await grain.ResumeAsync(second.Messages[^1].Seq, 2, null);

        Assert.Equal([1L, 2], first.Messages.Select(m => m.Seq));
        Assert.True(first.HasMore);
        Assert.Equal([3L, 4], second.Messages.Select(m => m.Seq));
        Assert.True(second.HasMore);
        Assert.Equal([5L, 6], third.Messages.Select(m => m.Seq));
        Assert.False(third.HasMore);
        Assert.All(new[] { first, second, third }, b => Assert.Equal(6, b.LastSeq));
    }

    [Fact]
    public async Task Message_pages_reach_beyond_the_in_memory_tail_and_match_the_table_after_reactivation()
    {
        const int exchanges = 28; // 56 messages: the grain keeps the newest 50 in memory
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        var receipts = await grain.ExchangeAsync(recorder, exchanges);

        var (live, livePages) = await grain.ReadLogAsync(pageSize: 9);
        var oldest = await grain.GetMessagesAsync(0, 3);
        var acrossTheTailEdge = await grain.GetMessagesAsync(4, 4);
        var resumedFromOldest = await grain.ResumeAsync(0, 500, null);
        await Activations.CollectIdleAsync(fixture.Grains, grain);
        var (stored, _) = await grain.ReadLogAsync(pageSize: 500);

        Assert.Equal(Enumerable.Range(1, 2 * exchanges).Select(i => (long)i), live.Select(m => m.Seq));
        Assert.Equal(7, livePages);
        Assert.Equal(receipts.Select(r => r.UserMessage.Id), live.Where(m => m.Role == MessageRole.User).Select(m => m.Id));
        Assert.Equal(receipts.Select(r => r.ReplyMessageId), live.Where(m => m.Role == MessageRole.Assistant).Select(m => m.Id));
        Assert.Equal("Question 1", live[0].Text);
        Assert.Equal("client-1", live[0].ClientMessageId);
        Assert.Equal([1L, 2, 3], oldest.Items.Select(m => m.Seq));
        Assert.Equal("3", oldest.NextCursor);
        Assert.Equal([5L, 6, 7, 8], acrossTheTailEdge.Items.Select(m => m.Seq));
        Assert.Equal(live.Select(Chats.Essence), resumedFromOldest.Messages.Select(Chats.Essence));
        Assert.False(resumedFromOldest.HasMore);
        Assert.Equal(live.Select(Chats.Essence), stored.Select(Chats.Essence));
    }

    [Fact]
    public async Task The_log_and_the_conversation_read_the_same_from_memory_and_from_the_table()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        await grain.ExchangeAsync(recorder, 2);
        var liveInfo = await grain.GetAsync();
        var live = (await grain.GetMessagesAsync(0, 10)).Items;

        await Activations.CollectIdleAsync(fixture.Grains, grain);
        var storedInfo = await grain.GetAsync();
        var stored = (await grain.GetMessagesAsync(0, 10)).Items;
        var listed = (await fixture.Grains.GetGrain<IConversationIndexGrain>(liveInfo!.BotId).ListAsync(null, 10)).Items;

        Assert.Equal(liveInfo, storedInfo);
        Assert.Equal(liveInfo, Assert.Single(listed));
        Assert.Equal(live.Select(Exactly), stored.Select(Exactly));
    }

    [Fact]
    public async Task The_last_page_has_no_cursor_even_when_it_is_full()
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains);
        using var recorder = new EventRecorder(fixture.Grains);
        await grain.ExchangeAsync(recorder, 2);

        var first = await grain.GetMessagesAsync(0, 2);
        var last = await grain.GetMessagesAsync(2, 2);

        Assert.Equal("2", first.NextCursor);
        Assert.Equal([3L, 4], last.Items.Select(m => m.Seq));
        Assert.Null(last.NextCursor);
        Assert.Empty((await grain.GetMessagesAsync(4, 2)).Items);
    }

    /// <summary>Every member of a message, times to the tick.</summary>
    private static object Exactly(ConversationMessage m) =>
        (Chats.Essence(m), m.CreatedAt.UtcTicks, m.CreatedAt.Offset);
}
