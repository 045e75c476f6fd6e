namespace ChatSphere.Bench.Bare;

/// <summary>Event kinds of the widget stream, as ChatSphere names them on the wire.</summary>
public enum BareEventType
{
    Message,
    Token,
    Done,
    Error,
}

/// <summary>Message roles, as ChatSphere names them on the wire.</summary>
public enum BareRole
{
    User,
    Assistant,
}

/// <summary>One stream event with the same JSON shape as ChatSphere's <c>ChatEvent</c>.</summary>
public sealed record BareChatEvent(long Seq, BareEventType Type, string MessageId, BareRole Role, string Text, int Offset);

/// <summary>The reply to StartConversation, shaped like ChatSphere's.</summary>
public sealed record BareStartConversationResult(
    string ConversationId,
    string VisitorToken,
    string Welcome,
    long LastSeq,
    string BotName,
    IReadOnlyList<string> SuggestedQuestions);
