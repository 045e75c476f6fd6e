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

    public static ChatEvent FromMessage(ConversationMessage message) => new()
    {
        Seq = message.Seq,
        Type = message.Role == MessageRole.Assistant ? ChatEventType.Done : ChatEventType.Message,
        MessageId = message.Id,
        Role = message.Role,
        Text = message.Text,
        Citations = message.Citations,
        Status = message.Status,
        CreatedAt = message.CreatedAt,
    };
}
