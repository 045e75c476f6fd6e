using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Contracts;

/// <summary>Body of POST /api/v1/chat/{botId}/messages.</summary>
public sealed record ChatMessageRequest
{
    /// <summary>Continue this conversation; a new one is started when absent.</summary>
    public string? ConversationId { get; init; }
    /// <summary>Idempotency key: a retry with the same key returns the first attempt's reply.</summary>
    public string? ClientMessageId { get; init; }
    public string? Text { get; init; }
    /// <summary>Stream the reply as Server-Sent Events (also chosen by <c>Accept: text/event-stream</c>).</summary>
    public bool? Stream { get; init; }
}

/// <summary>A finished reply: the message and the conversation it belongs to.</summary>
public sealed record ChatReplyResponse(
    string ConversationId,
    string Id,
    long Seq,
    MessageRole Role,
    string Text,
    IReadOnlyList<Citation> Citations,
    MessageStatus Status,
    DateTimeOffset CreatedAt,
    string QuestionId)
{
    public static ChatReplyResponse From(string conversationId, ChatEvent done, string questionId) => new(
        conversationId, done.MessageId, done.Seq, done.Role, done.Text, done.Citations ?? [], done.Status ?? MessageStatus.Complete,
        done.CreatedAt ?? DateTimeOffset.UtcNow, questionId);
}

/// <summary>Body of POST /api/v1/chatbots/{botId}/search.</summary>
public sealed record SearchRequest
{
    public string? Query { get; init; }
    public int? TopK { get; init; }
}
