namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// How a chatbot's sources are cut into chunks (counted in tokens of the embedding model's tokenizer), and how its
/// knowledge is searched for a reply.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.KnowledgeSettings")]
public sealed record KnowledgeSettings
{
    public const int MinChunkTokens = 32;
    /// <summary>The embedding model reads at most 256 tokens including its two markers.</summary>
    public const int MaxChunkTokens = 254;
    public const int DefaultChunkTokens = 200;
    public const int DefaultOverlapTokens = 30;
    public const double DefaultCuratedMinSimilarity = 0.82;
    /// <summary>How many knowledge hits a reply is grounded on (the conversation's replies and the gateway's completions alike).</summary>
    public const int ReplyTopK = 5;

    [Id(0)] public int ChunkTokens { get; init; } = DefaultChunkTokens;
    /// <summary>Tokens a chunk repeats from the end of the one before it (within a section), at most half a chunk.</summary>
    [Id(1)] public int OverlapTokens { get; init; } = DefaultOverlapTokens;
    /// <summary>Search results whose relevance score (0 to 1) is below this are dropped; 0 keeps all.</summary>
    [Id(2)] public double MinScore { get; init; }
    /// <summary>
    /// Maximal marginal relevance trade-off for search results: 1 ranks by relevance alone; lower values prefer results
    /// unlike those already chosen (near-duplicate passages give way to other ones).
    /// </summary>
    [Id(3)] public double MmrLambda { get; init; } = 1.0;
    /// <summary>A Q&amp;A pair whose question is at least this similar (cosine) to the visitor's is a curated answer, given as written.</summary>
    [Id(4)] public double CuratedMinSimilarity { get; init; } = DefaultCuratedMinSimilarity;
}
