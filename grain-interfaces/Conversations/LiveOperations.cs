namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>Who answers the visitor (lower-case on the wire).</summary>
public enum ConversationMode : byte
{
    /// <summary>The bot answers.</summary>
    Bot = 1,
    /// <summary>A person was asked for (by the visitor or a handoff rule); the bot is silent until an agent takes over or hands back.</summary>
    Waiting = 2,
    /// <summary>An agent holds the conversation; the bot is silent.</summary>
    Human = 3,
}

/// <summary>Whether a conversation is open (lower-case on the wire).</summary>
public enum ConversationStatus : byte
{
    Open = 1,
    /// <summary>Closed by an agent or after the bot's idle time; a visitor who writes again reopens it.</summary>
    Closed = 2,
}

/// <summary>A member of the workspace acting on a conversation: the holder, an author, a viewer.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AgentRef")]
public sealed record AgentRef
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string Name { get; init; } = "";
    /// <summary>The agent's avatar, when their profile has one.</summary>
    [Id(2)] public string? AvatarUrl { get; init; }
}

/// <summary>What an agent writes into a conversation.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AgentMessage")]
public sealed record AgentMessage
{
    [Id(0)] public required AgentRef Author { get; init; }
    [Id(1)] public required string Text { get; init; }
    /// <summary>Optional idempotency key: a retry with the same key returns the first message.</summary>
    [Id(2)] public string? ClientMessageId { get; init; }
    /// <summary>A private note: stored and shown to agents, never to the visitor; allowed without holding the conversation.</summary>
    [Id(3)] public bool Private { get; init; }
}

/// <summary>How a request for a person was answered.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.HandoffResult")]
public sealed record HandoffResult
{
    [Id(0)] public required ConversationInfo Conversation { get; init; }
    /// <summary>False when no agent is available (outside the bot's business hours, or nobody online).</summary>
    [Id(1)] public bool Available { get; init; }
    /// <summary>The bot's offline message, when no agent is available.</summary>
    [Id(2)] public string? OfflineMessage { get; init; }
}
