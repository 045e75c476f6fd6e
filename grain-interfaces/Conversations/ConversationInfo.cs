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
