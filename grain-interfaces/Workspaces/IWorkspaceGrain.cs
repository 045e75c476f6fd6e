namespace ChatSphere.GrainInterfaces.Workspaces;

/// <summary>A tenant: owns its chatbots (a list bounded by the plan).</summary>
[Alias("ChatSphere.IWorkspaceGrain")]
public interface IWorkspaceGrain : IGrainWithStringKey
{
    [Alias("AddChatbot")]
    Task AddChatbotAsync(string botId);

    [Alias("RemoveChatbot")]
    Task RemoveChatbotAsync(string botId);

    /// <summary>Chatbot ids, newest first, paged by an opaque cursor.</summary>
    [Alias("ListChatbots")]
    Task<IdPage> ListChatbotsAsync(string? cursor, int limit);
}

/// <summary>A page of ids and the cursor of the next page, if any.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.IdPage")]
public sealed record IdPage([property: Id(0)] IReadOnlyList<string> Ids, [property: Id(1)] string? NextCursor);
