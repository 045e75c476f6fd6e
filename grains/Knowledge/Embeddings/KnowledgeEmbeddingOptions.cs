namespace ChatSphere.Grains.Knowledge.Embeddings;

/// <summary>
/// The embedding model of the knowledge base (<c>ChatSphere:Knowledge:Embeddings</c>): <c>embedded</c> (default, the
/// offline MiniLM model) or <c>openai</c> (any OpenAI-compatible <c>/embeddings</c> endpoint). Ingestion, Q&amp;A
/// pairs and search queries are all embedded by it. Every setting and its default: docs/knowledge.md.
/// </summary>
public sealed class KnowledgeEmbeddingOptions
{
    public const string SectionName = "ChatSphere:Knowledge:Embeddings";

    /// <summary><c>embedded</c> or <c>openai</c>.</summary>
    public string Provider { get; set; } = "embedded";

    /// <summary>The OpenAI-compatible base URL (ending in <c>/v1</c>); default <c>https://api.openai.com/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The embedding model the endpoint knows, for example <c>text-embedding-3-small</c> (required for <c>openai</c>).</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>
    /// The dimensions of the vectors, sent to the endpoint (models such as text-embedding-3 shorten their vectors to it)
    /// and checked on every vector returned. Optional: without it the model's own size is taken as it comes.
    /// </summary>
    public int? Dimensions { get; set; }

    /// <summary>Texts per embeddings request.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Retries of one request on 429, 5xx and network errors, with exponential backoff (Retry-After when given).</summary>
    public int MaxRetries { get; set; } = 3;

    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>A Retry-After longer than this is not waited for: the request fails instead.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>Time limit of one request.</summary>
    public int TimeoutSeconds { get; set; } = 60;
}
