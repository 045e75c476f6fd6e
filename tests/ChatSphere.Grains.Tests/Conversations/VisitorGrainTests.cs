using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Tests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class VisitorGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_current_conversation_is_started_once_and_then_returned()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var visitorId = Ids.New("vis");
        var visitor = fixture.Grains.GetGrain<IVisitorGrain>($"{bot.Id}/{visitorId}");

        var first = await visitor.GetOrStartConversationAsync("https://shop.example/a");
        var again = await visitor.GetOrStartConversationAsync("https://shop.example/b");

        Assert.Equal(first, again);
        var info = await fixture.Grains.GetGrain<IConversationGrain>(first).GetAsync();
        Assert.NotNull(info);
        Assert.Equal(bot.Id, info.BotId);
        Assert.Equal(visitorId, info.VisitorId);
        Assert.Equal("https://shop.example/a", info.PageUrl);
    }

    [Fact]
    public async Task Starting_a_new_conversation_makes_it_the_current_one()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var visitorId = Ids.New("vis");
        var visitor = fixture.Grains.GetGrain<IVisitorGrain>($"{bot.Id}/{visitorId}");
        var first = await visitor.GetOrStartConversationAsync(null);

        var fresh = await visitor.StartNewConversationAsync("https://shop.example/new");

        Assert.NotEqual(first, fresh);
        Assert.Equal(fresh, await visitor.GetOrStartConversationAsync(null));
        var info = await fixture.Grains.GetGrain<IConversationGrain>(fresh).GetAsync();
        Assert.Equal((bot.Id, visitorId, "https://shop.example/new"), (info!.BotId, info.VisitorId, info.PageUrl));
        var listed = await fixture.Grains.GetGrain<IConversationIndexGrain>(bot.Id).ListAsync(null, 10);
        Assert.Equal(new[] { first, fresh }.Order(), listed.Items.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task A_visitor_of_an_unknown_bot_gets_no_conversation()
    {
        var visitor = fixture.Grains.GetGrain<IVisitorGrain>($"{Ids.New("bot")}/{Ids.New("vis")}");

        await Assert.ThrowsAsync<NotFoundException>(() => visitor.GetOrStartConversationAsync(null));
        await Assert.ThrowsAsync<NotFoundException>(() => visitor.GetOrStartConversationAsync(null));
    }

    [Fact]
    public async Task A_malformed_visitor_id_in_the_key_names_the_field()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var visitor = fixture.Grains.GetGrain<IVisitorGrain>($"{bot.Id}/not a visitor id");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => visitor.GetOrStartConversationAsync(null));

        Assert.Equal(["visitorId"], error.Errors.Keys);
    }

    [Fact]
    public async Task The_current_conversation_survives_a_cluster_restart()
    {
        using var data = new TestSqlite();
        string key;
        string current;
        var first = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (first)
        {
            var bot = await Chats.NewBotAsync(first.Client);
            key = $"{bot.Id}/{Ids.New("vis")}";
            await first.Client.GetGrain<IVisitorGrain>(key).GetOrStartConversationAsync(null);
            current = await first.Client.GetGrain<IVisitorGrain>(key).StartNewConversationAsync(null);
            await first.StopAllSilosAsync();
        }

        var second = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (second)
        {
            var visitor = second.Client.GetGrain<IVisitorGrain>(key);

            Assert.Equal(current, await visitor.GetOrStartConversationAsync(null));
            Assert.NotNull(await second.Client.GetGrain<IConversationGrain>(current).GetAsync());
        }
    }
}
