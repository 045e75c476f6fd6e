namespace ChatSphere.Grains.Workspaces;

/// <summary>What the workspace grain persists. The chatbot list is bounded by <see cref="WorkspaceGrain.MaxChatbots"/>.</summary>
[GenerateSerializer, Alias("ChatSphere.WorkspaceState")]
public sealed class WorkspaceState
{
    /// <summary>Chatbot ids, newest first.</summary>
    [Id(0)] public List<string> ChatbotIds { get; set; } = [];
}
