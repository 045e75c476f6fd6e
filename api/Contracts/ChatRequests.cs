using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Contracts;

/// <summary>Body of POST /api/v1/chat/{botId}/messages.</summary>
public sealed record ChatMessageRequest
{
    /// <summary>Continue this conversation (needs <see cref="VisitorToken"/> or workspace access); a new one is started when absent.</summary>
    public string? ConversationId { get; init; }
    /// <summary>The visitorToken of an earlier reply (or send it in the <c>X-Visitor-Token</c> header): proves the conversation is the caller's.</summary>
    public string? VisitorToken { get; init; }
    /// <summary>Idempotency key: a retry with the same key returns the first attempt's reply.</summary>
    public string? ClientMessageId { get; init; }
    public string? Text { get; init; }
    /// <summary>Stream the reply as Server-Sent Events (also chosen by <c>Accept: text/event-stream</c>).</summary>
    public bool? Stream { get; init; }
}

/// <summary>A finished reply: the message and the conversation it belongs to, with the visitor token that continues it
/// (null when the caller continued with a credential rather than a token).</summary>
public sealed record ChatReplyResponse(
    string ConversationId,
    string Id,
    long Seq,
    MessageRole Role,
    string Text,
    IReadOnlyList<Citation> Citations,
    MessageStatus Status,
    DateTimeOffset CreatedAt,
    string QuestionId,
    string? VisitorToken)
{
    public static ChatReplyResponse From(string conversationId, ChatEvent done, string questionId, string? visitorToken) => new(
        conversationId, done.MessageId, done.Seq, done.Role, done.Text, done.Citations ?? [], done.Status ?? MessageStatus.Complete,
        done.CreatedAt ?? DateTimeOffset.UtcNow, questionId, visitorToken);
}

/// <summary>Body of POST /api/v1/chatbots/{botId}/search.</summary>
public sealed record SearchRequest
{
    public string? Query { get; init; }
    public int? TopK { get; init; }
}
