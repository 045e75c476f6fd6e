namespace ChatSphere.Bench.Load;

/// <summary>A widget stream event as the client reads it (type and role kept as their wire strings).</summary>
public sealed record ChatEventDto
{
    public long Seq { get; init; }
    public string Type { get; init; } = "";
    public string MessageId { get; init; } = "";
    public string Role { get; init; } = "";
    public string Text { get; init; } = "";
    public int Offset { get; init; }
}

/// <summary>The reply to StartConversation; the bench only needs the conversation's id.</summary>
public sealed record StartConversationDto
{
    public string ConversationId { get; init; } = "";
    public string VisitorToken { get; init; } = "";
    public long LastSeq { get; init; }
}
