namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>Kinds of event on a conversation's live stream (lower-case on the wire).</summary>
public enum ChatEventType : byte
{
    /// <summary>A whole message (a user message, or a finished reply replayed on resume).</summary>
    Message = 1,
    /// <summary>A piece of the reply being generated.</summary>
    Token = 2,
    /// <summary>The reply is finished and stored; carries the full text and citations.</summary>
    Done = 3,
    /// <summary>The reply failed; carries a text the widget can show.</summary>
    Error = 4,
    /// <summary>Who answers changed (bot, waiting for a person, an agent holds it) or the conversation closed or reopened.</summary>
    Mode = 5,
    /// <summary>The visitor or an agent is typing (not stored).</summary>
    Typing = 6,
    /// <summary>Which agents are viewing the conversation (agents only; never sent to the visitor).</summary>
    Presence = 7,
}

/// <summary>
/// One event of a conversation's stream. <see cref="Seq"/> is the seq of the message the event belongs to.
/// Token events also carry <see cref="Offset"/>, the character position of <see cref="Text"/> in the reply,
/// so a reader that applies <c>text = text[..offset] + event.text</c> never doubles or drops a character.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ChatEvent")]
public sealed record ChatEvent
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public ChatEventType Type { get; init; }
    [Id(2)] public required string MessageId { get; init; }
    [Id(3)] public MessageRole Role { get; init; }
    [Id(4)] public string Text { get; init; } = "";
    [Id(5)] public IReadOnlyList<Citation>? Citations { get; init; }
    [Id(6)] public int Offset { get; init; }
    [Id(7)] public MessageStatus? Status { get; init; }
    [Id(8)] public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>The conversation's turn the event belongs to: a takeover or hand-back starts a new one, and the grain drops
    /// every bot event of an older turn, so nothing the bot produced after a takeover reaches anyone.</summary>
    [Id(9)] public long Turn { get; init; }
    /// <summary>Mode events: the mode now.</summary>
    [Id(10)] public ConversationMode? Mode { get; init; }
    /// <summary>Mode events (human) and agent typing: the agent's display name.</summary>
    [Id(11)] public string? AgentName { get; init; }
    /// <summary>Mode events (human): the agent's avatar, when their profile has one.</summary>
    [Id(12)] public string? AgentAvatarUrl { get; init; }
    /// <summary>Mode events answering a request for a person: false when no agent is available (outside business hours or
    /// nobody online); <see cref="Text"/> then carries the bot's offline message.</summary>
    [Id(13)] public bool? Available { get; init; }
    /// <summary>Agent messages: who wrote it.</summary>
    [Id(14)] public AgentRef? Author { get; init; }
    /// <summary>True for an agent's private note (never sent to the visitor).</summary>
    [Id(15)] public bool? Private { get; init; }
    /// <summary>Presence events: the agents viewing the conversation now.</summary>
    [Id(16)] public IReadOnlyList<AgentRef>? Viewers { get; init; }
    /// <summary>Mode events: whether the conversation is open or closed.</summary>
    [Id(17)] public ConversationStatus? ConversationStatus { get; init; }

    /// <summary>True for events the visitor must never see (private notes, presence).</summary>
    public bool AgentsOnly => Private == true || Type == ChatEventType.Presence;

    public static ChatEvent FromMessage(ConversationMessage message, long turn = 0) => new()
    {
        Seq = message.Seq,
        Type = message.Role == MessageRole.Assistant ? ChatEventType.Done : ChatEventType.Message,
        MessageId = message.Id,
        Role = message.Role,
        Text = message.Text,
        Citations = message.Citations,
        Status = message.Status,
        CreatedAt = message.CreatedAt,
        Turn = turn,
        Author = message.Author,
        Private = message.Private ? true : null,
    };
}
