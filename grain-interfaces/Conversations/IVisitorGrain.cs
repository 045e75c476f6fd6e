namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>One widget visitor of one bot (key <c>{botId}/{visitorId}</c>): remembers the current conversation.</summary>
[Alias("ChatSphere.IVisitorGrain")]
public interface IVisitorGrain : IGrainWithStringKey
{
    /// <summary>The visitor's current conversation id, starting one if there is none.</summary>
    [Alias("GetOrStartConversation")]
    Task<string> GetOrStartConversationAsync(string? pageUrl);

    /// <summary>Starts a fresh conversation and makes it the current one.</summary>
    [Alias("StartNewConversation")]
    Task<string> StartNewConversationAsync(string? pageUrl);
}
