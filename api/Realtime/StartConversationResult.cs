namespace ChatSphere.Api.Realtime;

/// <summary>What the widget gets when it opens a conversation (hub method StartConversation).</summary>
public sealed record StartConversationResult(
    string ConversationId,
    string VisitorToken,
    string Welcome,
    long LastSeq,
    string BotName,
    IReadOnlyList<string> SuggestedQuestions);
