namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>How a conversation begins: which bot, which visitor, from which page.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ConversationStart")]
public sealed record ConversationStart
{
    [Id(0)] public required string BotId { get; init; }
    [Id(1)] public required string VisitorId { get; init; }
    [Id(2)] public string? PageUrl { get; init; }
}

/// <summary>A conversation's metadata.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ConversationInfo")]
public sealed record ConversationInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string BotId { get; init; }
    [Id(2)] public required string WorkspaceId { get; init; }
    [Id(3)] public required string VisitorId { get; init; }
    [Id(4)] public DateTimeOffset StartedAt { get; init; }
    [Id(5)] public DateTimeOffset LastActivityAt { get; init; }
    [Id(6)] public string? PageUrl { get; init; }
    /// <summary>Seq of the newest stored message (0 when empty).</summary>
    [Id(7)] public long LastSeq { get; init; }
    /// <summary>The start of the newest message, for list views.</summary>
    [Id(8)] public string? LastMessagePreview { get; init; }
    /// <summary>Who answers the visitor: the bot, nobody yet (a person was asked for), or the agent in <see cref="HeldBy"/>.</summary>
    [Id(9)] public ConversationMode Mode { get; init; } = ConversationMode.Bot;
    [Id(10)] public ConversationStatus Status { get; init; } = ConversationStatus.Open;
    /// <summary>The member the conversation is assigned to, if any.</summary>
    [Id(11)] public string? AssigneeId { get; init; }
    /// <summary>The agent holding the conversation (mode human only).</summary>
    [Id(12)] public AgentRef? HeldBy { get; init; }
    /// <summary>The conversation's turn: a takeover or hand-back starts a new one (see <see cref="ChatEvent.Turn"/>).</summary>
    [Id(13)] public long Turn { get; init; }
    /// <summary>Bot replies that were the fallback (the bot had no answer).</summary>
    [Id(14)] public int UnansweredReplies { get; init; }
    [Id(15)] public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>A page of conversations, newest activity first.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ConversationPage")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationInfo> Items,
    [property: Id(1)] string? NextCursor);

/// <summary>A page of messages in seq order.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.MessagePage")]
public sealed record MessagePage(
    [property: Id(0)] IReadOnlyList<ConversationMessage> Items,
    [property: Id(1)] string? NextCursor);
