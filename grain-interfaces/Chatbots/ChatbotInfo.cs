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

/// <summary>A partial update: null members are left as they are.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ChatbotPatch")]
public sealed record ChatbotPatch
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Description { get; init; }
    [Id(2)] public string? SystemPrompt { get; init; }
    [Id(3)] public string? WelcomeMessage { get; init; }
    [Id(4)] public IReadOnlyList<string>? SuggestedQuestions { get; init; }
    [Id(5)] public string? FallbackMessage { get; init; }
    [Id(6)] public string? Language { get; init; }
    [Id(7)] public string? Model { get; init; }
    [Id(8)] public double? MinScore { get; init; }
    [Id(9)] public int? MaxAnswerWords { get; init; }
    [Id(10)] public double? Temperature { get; init; }
    [Id(11)] public int? MaxOutputTokens { get; init; }
    // Ids 40-49 belong to the answer model settings (AI work), clear of the ids other areas add.
    [Id(40)] public int? ContextTokens { get; init; }
    [Id(41)] public IReadOnlyList<string>? FallbackModels { get; init; }
    [Id(42)] public bool? StrictMode { get; init; }
    [Id(43)] public bool? RefuseOffTopic { get; init; }
    // Widget members (ids from 20 so other additions above do not collide).
    [Id(20)] public WidgetAppearancePatch? Widget { get; init; }
    [Id(21)] public IReadOnlyList<string>? AllowedDomains { get; init; }
    /// <summary>The protected identity secret; an empty string turns identity verification off.</summary>
    [Id(22)] public string? IdentitySecret { get; init; }
    [Id(23)] public LeadCaptureSettings? LeadCapture { get; init; }
    // Knowledge members (ids from 30).
    [Id(30)] public int? ChunkTokens { get; init; }
    [Id(31)] public int? OverlapTokens { get; init; }
    [Id(32)] public double? RetrievalMinScore { get; init; }
    [Id(33)] public double? MmrLambda { get; init; }
    [Id(34)] public double? CuratedMinSimilarity { get; init; }
    [Id(50)] public LiveChatPatch? LiveChat { get; init; }
}
