using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Conversations;

/// <summary>A widget visitor of one bot (key <c>{botId}/{visitorId}</c>) and their current conversation.</summary>
public sealed class VisitorGrain(
    [PersistentState("visitor", "chat")] IPersistentState<VisitorState> state) : Grain, IVisitorGrain
{
    public async Task<string> GetOrStartConversationAsync(string? pageUrl) =>
        state.State.CurrentConversationId ?? await StartNewConversationAsync(pageUrl);

    public async Task<string> StartNewConversationAsync(string? pageUrl)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new ChatSphere.GrainInterfaces.Errors.ValidationFailedException("visitorId", "A visitor is keyed '{botId}/{visitorId}'.");
        }

        var conversationId = Ids.New("conv");
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).StartAsync(new ConversationStart
        {
            BotId = key[..slash],
            VisitorId = key[(slash + 1)..],
            PageUrl = pageUrl,
        });
        state.State.CurrentConversationId = conversationId;
        state.State.ConversationCount++;
        await state.WriteStateAsync();
        return conversationId;
    }
}
