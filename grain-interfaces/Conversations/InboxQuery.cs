namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>
/// The filters of a workspace's conversation list (the inbox): every member left null does not filter.
/// See <c>GET /api/v1/workspaces/{workspaceId}/conversations</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.InboxQuery")]
public sealed record InboxQuery
{
    [Id(0)] public ConversationMode? Mode { get; init; }
    [Id(1)] public ConversationStatus? Status { get; init; }
    [Id(2)] public string? BotId { get; init; }
    /// <summary>A member's id, or <see cref="Unassigned"/> for conversations assigned to nobody.</summary>
    [Id(3)] public string? AssigneeId { get; init; }
    /// <summary>Full-text search over the conversation's messages (web-search syntax on PostgreSQL: words, "phrases", -not).</summary>
    [Id(4)] public string? Text { get; init; }
    /// <summary>Conversations with at least one reply the visitor rated so.</summary>
    [Id(5)] public MessageRating? Rating { get; init; }
    /// <summary>True: conversations with at least one fallback reply; false: with none.</summary>
    [Id(6)] public bool? Unanswered { get; init; }

    /// <summary>The <see cref="AssigneeId"/> that asks for unassigned conversations.</summary>
    public const string Unassigned = "none";
}

/// <summary>Pages through a workspace's conversations (key: workspace id), newest activity first, with the inbox's filters.
/// A stateless worker over the conversation table.</summary>
[Alias("ChatSphere.IWorkspaceConversationsGrain")]
public interface IWorkspaceConversationsGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<ConversationPage> ListAsync(InboxQuery query, string? cursor, int limit);
}
