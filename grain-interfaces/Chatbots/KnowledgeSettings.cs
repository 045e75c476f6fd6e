namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>How a chatbot's sources are cut into chunks, counted in tokens of the embedding model's tokenizer.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.KnowledgeSettings")]
public sealed record KnowledgeSettings
{
    public const int MinChunkTokens = 32;
    /// <summary>The embedding model reads at most 256 tokens including its two markers.</summary>
    public const int MaxChunkTokens = 254;
    public const int DefaultChunkTokens = 200;
    public const int DefaultOverlapTokens = 30;

    [Id(0)] public int ChunkTokens { get; init; } = DefaultChunkTokens;
    /// <summary>Tokens a chunk repeats from the end of the one before it (within a section), at most half a chunk.</summary>
    [Id(1)] public int OverlapTokens { get; init; } = DefaultOverlapTokens;
}
