namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>Kinds of training source (lower-case on the wire).</summary>
public enum SourceType : byte
{
    Text = 1,
    Qa = 2,
    File = 3,
    Url = 4,
    Website = 5,
}

/// <summary>Where a source is in its ingestion (lower-case on the wire).</summary>
public enum SourceStatus : byte
{
    Queued = 1,
    Processing = 2,
    Indexed = 3,
    Failed = 4,
}

/// <summary>A new training source as submitted.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.NewSource")]
public sealed record NewSource
{
    [Id(0)] public SourceType Type { get; init; }
    [Id(1)] public string? Title { get; init; }
    [Id(2)] public string? Text { get; init; }
    [Id(3)] public string? Question { get; init; }
    [Id(4)] public string? Answer { get; init; }
    [Id(5)] public string? Url { get; init; }
}

/// <summary>A training source of one chatbot and its ingestion state.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.KnowledgeSource")]
public sealed record KnowledgeSource
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string BotId { get; init; }
    [Id(2)] public SourceType Type { get; init; }
    [Id(3)] public SourceStatus Status { get; init; }
    /// <summary>Share done, 0 to 1.</summary>
    [Id(4)] public double Progress { get; init; }
    [Id(5)] public string? Error { get; init; }
    [Id(6)] public string Title { get; init; } = "";
    [Id(7)] public string? Text { get; init; }
    [Id(8)] public string? Question { get; init; }
    [Id(9)] public string? Answer { get; init; }
    [Id(10)] public string? Url { get; init; }
    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
    [Id(12)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A page of sources, newest first.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.SourcePage")]
public sealed record SourcePage(
    [property: Id(0)] IReadOnlyList<KnowledgeSource> Items,
    [property: Id(1)] string? NextCursor);

/// <summary>A ranked retrieval result.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.KnowledgeHit")]
public sealed record KnowledgeHit
{
    [Id(0)] public required string SourceId { get; init; }
    [Id(1)] public double Score { get; init; }
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string? Url { get; init; }
    /// <summary>The matched text: the answer of a Q&amp;A pair, or a chunk.</summary>
    [Id(4)] public string Text { get; init; } = "";
    /// <summary>For Q&amp;A pairs, the question that matched.</summary>
    [Id(5)] public string? Question { get; init; }
    [Id(6)] public SourceType Type { get; init; }
}
