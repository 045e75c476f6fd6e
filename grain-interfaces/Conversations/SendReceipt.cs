namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>What a visitor sends: the text and an idempotency key chosen by the client.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.SendMessage")]
public sealed record SendMessage
{
    [Id(0)] public required string ClientMessageId { get; init; }
    [Id(1)] public required string Text { get; init; }
}

/// <summary>
/// The answer to a send, returned once the user message is stored. For a retry of a message already
/// received, <see cref="Duplicate"/> is true and no new message or reply is made.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.SendReceipt")]
public sealed record SendReceipt
{
    [Id(0)] public required ConversationMessage UserMessage { get; init; }
    /// <summary>Seq reserved for the reply (always <c>UserMessage.Seq + 1</c>).</summary>
    [Id(1)] public long ReplySeq { get; init; }
    [Id(2)] public required string ReplyMessageId { get; init; }
    [Id(3)] public bool Duplicate { get; init; }
    /// <summary>The stored reply, when it is already finished (retries only).</summary>
    [Id(4)] public ConversationMessage? Reply { get; init; }
    /// <summary>The reply's text so far, as a token event at offset 0, when it is still being generated.</summary>
    [Id(5)] public ChatEvent? Partial { get; init; }
    /// <summary>True when no reply follows (a person holds or was asked for the conversation): <see cref="ReplySeq"/>
    /// is then 0 and agents answer in their own time.</summary>
    [Id(6)] public bool NoReply { get; init; }
}

/// <summary>What a client missed after <c>afterSeq</c>: stored messages, then the reply in progress, if any.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ResumeBatch")]
public sealed record ResumeBatch
{
    [Id(0)] public IReadOnlyList<ConversationMessage> Messages { get; init; } = [];
    /// <summary>True when more stored messages follow: call again after the last one.</summary>
    [Id(1)] public bool HasMore { get; init; }
    /// <summary>The reply still being generated (a token event at offset 0 with its text so far).</summary>
    [Id(2)] public ChatEvent? Partial { get; init; }
    [Id(3)] public long LastSeq { get; init; }
    /// <summary>The conversation now (mode, status, holder), so a reader that resumes knows who answers.</summary>
    [Id(4)] public ConversationInfo? Conversation { get; init; }
}
