using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

[StatelessWorker]
public sealed class ConversationIndexGrain(ConversationStore store) : Grain, IConversationIndexGrain
{
    public Task<ConversationPage> ListAsync(string? cursor, int limit) =>
        store.ListConversationsAsync(this.GetPrimaryKeyString(), cursor, limit);
}
