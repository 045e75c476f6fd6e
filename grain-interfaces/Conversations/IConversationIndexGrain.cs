namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>
/// Paged listing of one chatbot's conversations (key: bot id), newest activity first. A stateless worker over
/// the conversation table, so listing never funnels through one activation.
/// </summary>
[Alias("ChatSphere.IConversationIndexGrain")]
public interface IConversationIndexGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<ConversationPage> ListAsync(string? cursor, int limit);
}
