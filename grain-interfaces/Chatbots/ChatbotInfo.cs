namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>A chatbot as stored: its owner, settings and timestamps.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ChatbotInfo")]
public sealed record ChatbotInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string WorkspaceId { get; init; }
    [Id(2)] public required ChatbotSettings Settings { get; init; }
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Incremented on every change; lets caches tell stale settings.</summary>
    [Id(5)] public long Version { get; init; }
}
