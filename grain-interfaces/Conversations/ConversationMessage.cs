namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>Who wrote a message.</summary>
public enum MessageRole : byte
{
    User = 1,
    Assistant = 2,
    /// <summary>A person of the workspace (an agent) who took over the conversation, or wrote a private note.</summary>
    Agent = 3,
}

/// <summary>Whether a message is whole.</summary>
public enum MessageStatus : byte
{
    Complete = 1,
    /// <summary>Generation failed, timed out or the silo died before the reply was finished.</summary>
    Interrupted = 2,
}

/// <summary>A knowledge source an answer rests on, numbered as cited in the text ([1], [2]).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.Citation")]
public sealed record Citation
{
    [Id(0)] public int Index { get; init; }
    [Id(1)] public required string SourceId { get; init; }
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string? Url { get; init; }
    [Id(4)] public double Score { get; init; }
    /// <summary>The heading path of the cited passage within its document or page, if it has one.</summary>
    [Id(5)] public string? Heading { get; init; }
    /// <summary>The uploaded file the cited passage comes from (file sources).</summary>
    [Id(6)] public string? FileName { get; init; }
}

/// <summary>One entry of a conversation's numbered log. <see cref="Seq"/> starts at 1 and has no gaps.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ConversationMessage")]
public sealed record ConversationMessage
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Seq { get; init; }
    [Id(2)] public MessageRole Role { get; init; }
    [Id(3)] public string Text { get; init; } = "";
    [Id(4)] public IReadOnlyList<Citation> Citations { get; init; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public MessageStatus Status { get; init; } = MessageStatus.Complete;
    /// <summary>The sender's idempotency key (user messages only).</summary>
    [Id(7)] public string? ClientMessageId { get; init; }
    /// <summary>The visitor's rating of a reply, if any.</summary>
    [Id(8)] public MessageRating? Feedback { get; init; }
    /// <summary>Agent messages: who wrote it.</summary>
    [Id(9)] public AgentRef? Author { get; init; }
    /// <summary>An agent's private note: agents see it, the visitor never does.</summary>
    [Id(10)] public bool Private { get; init; }
}
