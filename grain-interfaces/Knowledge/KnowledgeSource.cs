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

/// <summary>What a source in processing is doing (lower-case on the wire).</summary>
public enum SourceStage : byte
{
    Fetching = 1,
    Parsing = 2,
    Chunking = 3,
    Embedding = 4,
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
    /// <summary>How a <c>website</c> source is crawled; defaults when absent.</summary>
    [Id(6)] public CrawlOptions? Crawl { get; init; }
    /// <summary>Re-sync every this many minutes (url, website and file sources); none when absent.</summary>
    [Id(7)] public int? SyncIntervalMinutes { get; init; }
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
    /// <summary>What processing is doing; absent unless the status is processing.</summary>
    [Id(13)] public SourceStage? Stage { get; init; }
    /// <summary>Units of work done in the current stage (pages of a crawl, chunks being embedded).</summary>
    [Id(14)] public int ProgressDone { get; init; }
    [Id(15)] public int ProgressTotal { get; init; }
    [Id(16)] public int Pages { get; init; }
    [Id(17)] public int Chunks { get; init; }
    [Id(18)] public long Characters { get; init; }
    [Id(19)] public DateTimeOffset? LastSyncedAt { get; init; }
    /// <summary>SHA-256 (hex) over the content of all pages, as of the last successful sync.</summary>
    [Id(20)] public string? ContentHash { get; init; }
    [Id(21)] public int? SyncIntervalMinutes { get; init; }
    [Id(22)] public CrawlOptions? Crawl { get; init; }
    [Id(23)] public string? FileName { get; init; }
    [Id(24)] public string? ContentType { get; init; }
    [Id(25)] public long? SizeBytes { get; init; }
}

/// <summary>How a web site is crawled from its start URL (or sitemap.xml).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CrawlOptions")]
public sealed record CrawlOptions
{
    public const int DefaultMaxPages = 50;
    public const int DefaultMaxDepth = 3;

    [Id(0)] public int MaxPages { get; init; } = DefaultMaxPages;
    /// <summary>Links followed from the start page: 0 fetches only the start page (and its sitemap entries).</summary>
    [Id(1)] public int MaxDepth { get; init; } = DefaultMaxDepth;
    /// <summary>Path patterns (<c>*</c> any characters) a page must match, for example <c>/docs/*</c>; all when empty.</summary>
    [Id(2)] public IReadOnlyList<string> IncludePaths { get; init; } = [];
    /// <summary>Path patterns no page may match; they win over <see cref="IncludePaths"/>.</summary>
    [Id(3)] public IReadOnlyList<string> ExcludePaths { get; init; } = [];
    /// <summary>Also reads the site's sitemaps (from robots.txt and /sitemap.xml).</summary>
    [Id(4)] public bool UseSitemap { get; init; } = true;
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
    /// <summary>The chunk's heading path within its document or page ("Returns > Refunds"), if it has one.</summary>
    [Id(7)] public string? Heading { get; init; }
    /// <summary>The uploaded file the chunk comes from (file sources).</summary>
    [Id(8)] public string? FileName { get; init; }
    /// <summary>A Q&amp;A pair whose question matched the query closely enough to be answered with as written.</summary>
    [Id(9)] public bool Curated { get; init; }
}
