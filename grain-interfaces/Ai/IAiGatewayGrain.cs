namespace ChatSphere.GrainInterfaces.Ai;

/// <summary>
/// The silo's AI services for the API (a stateless worker, local to the calling silo or gateway): the model
/// catalogue with health, embeddings, and stateless chat completions with a chatbot's knowledge, persona and
/// guardrails (the OpenAI-compatible routes).
/// </summary>
[Alias("ChatSphere.IAiGatewayGrain")]
public interface IAiGatewayGrain : IGrainWithIntegerKey
{
    [Alias("ListModels")]
    Task<IReadOnlyList<ModelDescriptor>> ListModelsAsync();

    /// <summary>Embeds the inputs with an embeddings model. Throws <see cref="Errors.ValidationFailedException"/> for an unknown model.</summary>
    [Alias("Embed")]
    Task<EmbeddingBatch> EmbedAsync(string model, IReadOnlyList<string> inputs, string? workspaceId);

    /// <summary>A chatbot's usage per UTC day and model, <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    [Alias("GetBotUsage")]
    Task<IReadOnlyList<BotDailyUsage>> GetBotUsageAsync(string botId, DateOnly from, DateOnly to);

    /// <summary>A workspace's usage in one UTC month.</summary>
    [Alias("GetWorkspaceUsage")]
    Task<WorkspaceMonthlyUsage> GetWorkspaceUsageAsync(string workspaceId, int year, int month);

    /// <summary>How a stored reply of a conversation was made (model, tokens, timings, retrieved knowledge); null when it has no record.</summary>
    [Alias("GetReplyDetails")]
    Task<ReplyDetails?> GetReplyDetailsAsync(string conversationId, long seq);

    /// <summary>Streams a completion by a chatbot: text pieces, then one chunk with the finish reason and usage.</summary>
    [Alias("Complete")]
    IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A model of the catalogue as the API lists it.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ModelDescriptor")]
public sealed record ModelDescriptor
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Provider { get; init; }
    /// <summary>embedded, instant, openai, azure-openai or openai-compatible.</summary>
    [Id(2)] public required string ProviderType { get; init; }
    /// <summary>chat or embeddings.</summary>
    [Id(3)] public required string Kind { get; init; }
    [Id(4)] public string Description { get; init; } = "";
    [Id(5)] public int ContextTokens { get; init; }
    [Id(6)] public int MaxOutputTokens { get; init; }
    [Id(7)] public IReadOnlyList<string> Capabilities { get; init; } = [];
    /// <summary>unknown, healthy, degraded or unavailable.</summary>
    [Id(8)] public string Health { get; init; } = "unknown";
    /// <summary>closed, open, half-open, or none for in-process models.</summary>
    [Id(9)] public string Circuit { get; init; } = "none";
    [Id(10)] public string? LastError { get; init; }
    [Id(11)] public DateTimeOffset? LastErrorAt { get; init; }
}

/// <summary>Embeddings in input order, and the tokens the inputs took.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.EmbeddingBatch")]
public sealed record EmbeddingBatch
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required IReadOnlyList<float[]> Vectors { get; init; }
    [Id(2)] public int PromptTokens { get; init; }
}

/// <summary>A stateless completion: the chatbot answers the last user message, the earlier ones are its history.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CompletionRequest")]
public sealed record CompletionRequest
{
    [Id(0)] public required string BotId { get; init; }
    [Id(1)] public required IReadOnlyList<CompletionMessage> Messages { get; init; }
    [Id(2)] public double? Temperature { get; init; }
    [Id(3)] public int? MaxTokens { get; init; }
    /// <summary>The id the API gave the completion (usage is recorded under it).</summary>
    [Id(4)] public required string CompletionId { get; init; }
}

/// <summary>One message of a completion request; role is system, user or assistant.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CompletionMessage")]
public sealed record CompletionMessage([property: Id(0)] string Role, [property: Id(1)] string Content);

/// <summary>A piece of a completion: text, or (last) the finish reason with usage and citations.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CompletionChunk")]
public sealed record CompletionChunk
{
    [Id(0)] public string? Text { get; init; }
    /// <summary>stop or length; set on the last chunk only.</summary>
    [Id(1)] public string? FinishReason { get; init; }
    [Id(2)] public int PromptTokens { get; init; }
    [Id(3)] public int CompletionTokens { get; init; }
    /// <summary>The model that answered (or none for an apology).</summary>
    [Id(4)] public string? Model { get; init; }
    [Id(5)] public IReadOnlyList<CompletionCitation> Citations { get; init; } = [];
    /// <summary>True when the model broke off mid-reply.</summary>
    [Id(6)] public bool Interrupted { get; init; }
}

/// <summary>A knowledge source a completion cites as <c>[Index]</c>.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CompletionCitation")]
public sealed record CompletionCitation
{
    [Id(0)] public int Index { get; init; }
    [Id(1)] public required string SourceId { get; init; }
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string? Url { get; init; }
    /// <summary>The heading path of the cited passage, if it has one.</summary>
    [Id(4)] public string? Heading { get; init; }
}

/// <summary>A chatbot's replies and tokens on one UTC day with one model.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.BotDailyUsage")]
public sealed record BotDailyUsage
{
    [Id(0)] public DateOnly Day { get; init; }
    [Id(1)] public required string Model { get; init; }
    [Id(2)] public long Replies { get; init; }
    [Id(3)] public long PromptTokens { get; init; }
    [Id(4)] public long CompletionTokens { get; init; }
    [Id(5)] public double AverageLatencyMs { get; init; }
}

/// <summary>A workspace's replies and tokens in one UTC month.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.WorkspaceMonthlyUsage")]
public sealed record WorkspaceMonthlyUsage
{
    [Id(0)] public required string WorkspaceId { get; init; }
    [Id(1)] public int Year { get; init; }
    [Id(2)] public int Month { get; init; }
    [Id(3)] public long Replies { get; init; }
    [Id(4)] public long PromptTokens { get; init; }
    [Id(5)] public long CompletionTokens { get; init; }
}
