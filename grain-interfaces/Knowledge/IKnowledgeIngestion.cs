namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>
/// What a source's ingestion job reports to its chatbot's knowledge grain (keyed by bot id), the single writer of
/// the bot's sources, chunks and index. Each call is refused (null or false) once the source has been deleted, so
/// a job that lost the race never brings deleted content back.
/// </summary>
[Alias("ChatSphere.IKnowledgeIngestion")]
public interface IKnowledgeIngestion : IGrainWithStringKey
{
    /// <summary>Records a source's status and counts and tells watchers. Null when the source no longer exists.</summary>
    [Alias("Report")]
    Task<KnowledgeSource?> ReportAsync(string sourceId, SourceProgress progress);

    /// <summary>Stores a page's chunk changes and applies them to the index. False when the source no longer exists.</summary>
    [Alias("ApplyPage")]
    Task<bool> ApplyPageAsync(string sourceId, PageUpdate update);

    /// <summary>Deletes pages (and their chunks) that a sync no longer found. False when the source no longer exists.</summary>
    [Alias("RemovePages")]
    Task<bool> RemovePagesAsync(string sourceId, IReadOnlyList<string> pageKeys);
}

/// <summary>A source's status and counts as its job sees them.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.SourceProgress")]
public sealed record SourceProgress
{
    [Id(0)] public SourceStatus Status { get; init; }
    [Id(1)] public SourceStage? Stage { get; init; }
    [Id(2)] public int Done { get; init; }
    [Id(3)] public int Total { get; init; }
    [Id(4)] public string? Error { get; init; }
    [Id(5)] public int Pages { get; init; }
    [Id(6)] public int Chunks { get; init; }
    [Id(7)] public long Characters { get; init; }
    [Id(8)] public DateTimeOffset? LastSyncedAt { get; init; }
    [Id(9)] public string? ContentHash { get; init; }
    /// <summary>A better title found while ingesting (a page's or document's own); kept when absent.</summary>
    [Id(10)] public string? Title { get; init; }
}

/// <summary>One page (a URL, a file, or a source's text) of a source as stored after a sync.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.IngestedPage")]
public sealed record IngestedPage
{
    /// <summary>The page's URL, the file's name, or empty for text and Q&amp;A sources.</summary>
    [Id(0)] public required string PageKey { get; init; }
    [Id(1)] public string Title { get; init; } = "";
    [Id(2)] public required string ContentHash { get; init; }
    [Id(3)] public long Characters { get; init; }
    [Id(4)] public int ChunkCount { get; init; }
    [Id(5)] public DateTimeOffset FetchedAt { get; init; }
}

/// <summary>A chunk of a page with its embedding, ready to store and index.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.NewChunk")]
public sealed record NewChunk
{
    [Id(0)] public required string ChunkId { get; init; }
    [Id(1)] public string Title { get; init; } = "";
    /// <summary>The headings above the chunk, outermost first, joined with " > ".</summary>
    [Id(2)] public string HeadingPath { get; init; } = "";
    [Id(3)] public required string Text { get; init; }
    [Id(4)] public int StartOffset { get; init; }
    [Id(5)] public int EndOffset { get; init; }
    [Id(6)] public required string ContentHash { get; init; }
    [Id(7)] public required float[] Embedding { get; init; }
    /// <summary>The embedding model that made <see cref="Embedding"/> (empty: unknown, so it is embedded again).</summary>
    [Id(8)] public string EmbeddingModel { get; init; } = "";
}

/// <summary>What changed on one page: its record, the chunks to add, the chunks to delete.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.PageUpdate")]
public sealed record PageUpdate
{
    [Id(0)] public required IngestedPage Page { get; init; }
    [Id(1)] public IReadOnlyList<NewChunk> Added { get; init; } = [];
    [Id(2)] public IReadOnlyList<string> RemovedChunkIds { get; init; } = [];
    /// <summary>Kept chunks (same text, same embedding) at their offsets in the page as it now is.</summary>
    [Id(3)] public IReadOnlyList<ChunkPosition> Kept { get; init; } = [];
}

/// <summary>Where a stored chunk sits in its page's plain text.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ChunkPosition")]
public sealed record ChunkPosition(
    [property: Id(0)] string ChunkId,
    [property: Id(1)] int StartOffset,
    [property: Id(2)] int EndOffset);
