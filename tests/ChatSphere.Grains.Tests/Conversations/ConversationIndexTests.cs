using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>A bot's conversation list (<see cref="IConversationIndexGrain"/>, key: bot id).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationIndexTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Conversations_list_newest_activity_first_and_only_the_bots_own()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var started = new List<(IConversationGrain Grain, ConversationInfo Info)>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await Chats.StartAsync(fixture.Grains, bot.Id));
        }

        await Chats.StartAsync(fixture.Grains); // another bot's
        var oldest = started[0];
        await NextMillisecondAfterAsync(started.Max(s => s.Info.StartedAt));
        using var recorder = new EventRecorder(fixture.Grains);
        await oldest.Grain.SendAndWaitAsync(recorder, "Is anyone there?");

        var page = await fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id).ListAsync(null, 10);

        Assert.Null(page.NextCursor);
        Assert.Equal(3, page.Items.Count);
        Assert.Equal(oldest.Info.Id, page.Items[0].Id);
        var rest = started.Skip(1).Select(s => s.Info)
            .OrderByDescending(c => c.StartedAt.ToUnixTimeMilliseconds()).ThenByDescending(c => c.Id, StringComparer.Ordinal);
        Assert.Equal(rest.Select(c => c.Id), page.Items.Skip(1).Select(c => c.Id));

        var listed = page.Items[0];
        var current = await oldest.Grain.GetAsync();
        Assert.Equal(bot.Id, listed.BotId);
        Assert.Equal(bot.WorkspaceId, listed.WorkspaceId);
        Assert.Equal(oldest.Info.VisitorId, listed.VisitorId);
        Assert.Equal(2, listed.LastSeq);
        Assert.Equal(current!.LastMessagePreview, listed.LastMessagePreview);
        Assert.Equal(current.LastActivityAt.ToUnixTimeMilliseconds(), listed.LastActivityAt.ToUnixTimeMilliseconds());
        Assert.Equal(oldest.Info.StartedAt.ToUnixTimeMilliseconds(), listed.StartedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Chats.StartAsync(fixture.Grains, bot.Id)).Info.Id);
        }

        var index = fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id);
        var whole = await index.ListAsync(null, 100);
        var first = await index.ListAsync(null, 2);
        var second = await index.ListAsync(first.NextCursor, 2);
        var third = await index.ListAsync(second.NextCursor, 2);

        Assert.Equal(ids.Order(), whole.Items.Select(c => c.Id).Order());
        Assert.Equal(whole.Items.Select(c => c.Id), first.Items.Concat(second.Items).Concat(third.Items).Select(c => c.Id));
        Assert.NotNull(first.NextCursor);
        Assert.NotNull(second.NextCursor);
        Assert.Single(third.Items);
        Assert.Null(third.NextCursor);
        Assert.True(whole.Items.Zip(whole.Items.Skip(1)).All(p => p.First.LastActivityAt >= p.Second.LastActivityAt), "not newest first");
    }

    [Fact]
    public async Task A_bot_without_conversations_lists_nothing()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);

        var page = await fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id).ListAsync(null, 10);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task A_limit_below_one_is_read_as_one(int limit)
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        await Chats.StartAsync(fixture.Grains, bot.Id);
        await Chats.StartAsync(fixture.Grains, bot.Id);
        var index = fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id);

        var first = await index.ListAsync(null, limit);
        var second = await index.ListAsync(first.NextCursor, limit);

        Assert.Single(first.Items);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        Assert.NotEqual(first.Items[0].Id, second.Items[0].Id);
    }

    [Fact]
    public async Task A_huge_limit_lists_everything_in_one_page()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        await Chats.StartAsync(fixture.Grains, bot.Id);
        await Chats.StartAsync(fixture.Grains, bot.Id);

        var page = await fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id).ListAsync(null, int.MaxValue);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("bm8gY29sb24")] // "no colon"
    [InlineData("YWJjOmRlZg")] // "abc:def": not a time
    public async Task A_cursor_it_did_not_hand_out_names_the_field(string cursor)
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id).ListAsync(cursor, 10));

        Assert.Equal(["cursor"], error.Errors.Keys);
    }

    /// <summary>Waits for the clock to pass <paramref name="time"/>'s millisecond (the store's resolution), so a later
    /// activity sorts strictly after it.</summary>
    private static async Task NextMillisecondAfterAsync(DateTimeOffset time)
    {
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() <= time.ToUnixTimeMilliseconds())
        {
            await Task.Delay(1);
        }
    }
}
