using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Tests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class ConversationStartTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Start_creates_the_conversation_of_the_bots_workspace()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var id = Ids.New("conv");
        var visitorId = Ids.New("vis");
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        Assert.Null(await grain.GetAsync());

        var info = await grain.StartAsync(new ConversationStart { BotId = bot.Id, VisitorId = visitorId, PageUrl = "https://shop.example/help" });

        Assert.Equal(id, info.Id);
        Assert.Equal(bot.Id, info.BotId);
        Assert.Equal(bot.WorkspaceId, info.WorkspaceId);
        Assert.Equal(visitorId, info.VisitorId);
        Assert.Equal("https://shop.example/help", info.PageUrl);
        Assert.Equal(0, info.LastSeq);
        Assert.Null(info.LastMessagePreview);
        Assert.Equal(info.StartedAt, info.LastActivityAt);
        Assert.Equal(info, await grain.GetAsync());
        Assert.Empty((await grain.GetMessagesAsync(0, 10)).Items);
    }

    [Fact]
    public async Task Starting_again_for_the_same_bot_and_visitor_returns_the_same_conversation()
    {
        var (grain, info) = await Chats.StartAsync(fixture.Grains);

        var again = await grain.StartAsync(new ConversationStart { BotId = info.BotId, VisitorId = info.VisitorId, PageUrl = "https://elsewhere.example" });

        Assert.Equal(info, again);
    }

    [Fact]
    public async Task Starting_again_after_the_grain_was_deactivated_returns_the_same_conversation()
    {
        var (grain, info) = await Chats.StartAsync(fixture.Grains);
        await Activations.CollectIdleAsync(fixture.Grains, grain);

        var again = await grain.StartAsync(new ConversationStart { BotId = info.BotId, VisitorId = info.VisitorId });

        Assert.Equal(info, again);
    }

    [Fact]
    public async Task Starting_it_for_another_bot_or_visitor_is_a_conflict()
    {
        var (grain, info) = await Chats.StartAsync(fixture.Grains);
        var otherBot = await Chats.NewBotAsync(fixture.Grains);

        await Assert.ThrowsAsync<ConflictException>(() => grain.StartAsync(new ConversationStart { BotId = otherBot.Id, VisitorId = info.VisitorId }));
        await Assert.ThrowsAsync<ConflictException>(() => grain.StartAsync(new ConversationStart { BotId = info.BotId, VisitorId = Ids.New("vis") }));
        Assert.Equal(info, await grain.GetAsync());
    }

    [Fact]
    public async Task Starting_with_an_unknown_bot_is_not_found_and_creates_nothing()
    {
        var botId = Ids.New("bot");
        var grain = fixture.Grains.GetGrain<IConversationGrain>(Ids.New("conv"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => grain.StartAsync(new ConversationStart { BotId = botId, VisitorId = Ids.New("vis") }));

        Assert.Equal("Chatbot", error.Resource);
        Assert.Equal(botId, error.ResourceId);
        Assert.Null(await grain.GetAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/in/it")]
    [InlineData("ünïcode")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task A_malformed_visitor_id_names_the_field(string visitorId)
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var grain = fixture.Grains.GetGrain<IConversationGrain>(Ids.New("conv"));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.StartAsync(new ConversationStart { BotId = bot.Id, VisitorId = visitorId }));

        Assert.Equal(["visitorId"], error.Errors.Keys);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Sending_to_a_conversation_never_started_is_not_found()
    {
        var grain = fixture.Grains.GetGrain<IConversationGrain>(Ids.New("conv"));

        await Assert.ThrowsAsync<NotFoundException>(() => grain.SendAsync(Chats.Message("Hello?"), null));
        await Assert.ThrowsAsync<NotFoundException>(() => grain.ResumeAsync(0, 10, null));
        await Assert.ThrowsAsync<NotFoundException>(() => grain.GetMessagesAsync(0, 10));
    }
}
