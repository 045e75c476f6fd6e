namespace ChatSphere.Grains.Conversations;

[GenerateSerializer, Alias("ChatSphere.VisitorState")]
public sealed class VisitorState
{
    [Id(0)] public string? CurrentConversationId { get; set; }
    [Id(1)] public int ConversationCount { get; set; }
}
