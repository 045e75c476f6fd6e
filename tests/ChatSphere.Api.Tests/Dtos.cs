using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Tests;

public sealed record BotDto(string Id, string WorkspaceId, string Name, string WelcomeMessage, string FallbackMessage, AnswerDto Answer, long Version);

public sealed record AnswerDto(string Model, double MinScore, int MaxAnswerWords);

public sealed record PageDto<T>(List<T> Items, string? NextCursor);

public sealed record ReplyDto(string ConversationId, string Id, long Seq, MessageRole Role, string Text, List<Citation> Citations, MessageStatus Status, string QuestionId, string? VisitorToken = null);

public sealed record ProblemDto(string? Title, int Status, Dictionary<string, string[]>? Errors, string? Detail);

public sealed record StartDto(string ConversationId, string VisitorToken, string Welcome, long LastSeq, string BotName, List<string> SuggestedQuestions);
