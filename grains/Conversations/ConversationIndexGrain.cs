using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

[StatelessWorker]
public sealed class ConversationIndexGrain(ConversationStore store) : Grain, IConversationIndexGrain
{
    /// <summary>The largest page, as for a conversation's messages.</summary>
    public const int MaxLimit = 500;

    public Task<ConversationPage> ListAsync(string? cursor, int limit) =>
        store.ListConversationsAsync(this.GetPrimaryKeyString(), cursor, Math.Clamp(limit, 1, MaxLimit));
}
