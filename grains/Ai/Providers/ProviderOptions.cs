namespace ChatSphere.Grains.Ai.Providers;

/// <summary>One model provider (<c>ChatSphere:Ai:Providers:&lt;name&gt;</c>).</summary>
public sealed class ProviderOptions
{
    /// <summary><c>embedded</c>, <c>openai</c>, <c>azure-openai</c> or <c>openai-compatible</c>.</summary>
    public string Type { get; set; } = "openai-compatible";

    /// <summary>The server's base URL (ending in <c>/v1</c> for most OpenAI-compatible servers). Optional for <c>openai</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The deployment's key; a workspace may set its own (encrypted at rest) instead.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure OpenAI: the deployment used when a model names none.</summary>
    public string? Deployment { get; set; }

    public List<ProviderModelOptions> Models { get; set; } = [];

    /// <summary>Retries of one request on 429, 5xx and network errors, with exponential backoff (Retry-After when given).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff delay; later ones double, with jitter.</summary>
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>A Retry-After longer than this is not waited for: the next model of the chain answers instead.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>How long a request may wait for its first token before it counts as failed.</summary>
    public int FirstTokenTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a stream may go silent between tokens before it counts as broken.</summary>
    public int IdleTimeoutSeconds { get; set; } = 20;

    /// <summary>The circuit opens when at least this share of the calls in <see cref="BreakerSamplingSeconds"/> failed…</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…and there were at least this many calls.</summary>
    public int BreakerMinimumThroughput { get; set; } = 4;

    public int BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open circuit refuses calls before one trial call.</summary>
    public int BreakDurationSeconds { get; set; } = 30;
}

/// <summary>A model offered by a provider: <c>Models:[{ "Name": "gpt-4o-mini", "ContextTokens": 128000 }]</c>.</summary>
public sealed class ProviderModelOptions
{
    /// <summary>The model (or Azure deployment) name the provider knows.</summary>
    public string Name { get; set; } = "";

    /// <summary>The model's context window in tokens.</summary>
    public int ContextTokens { get; set; } = 8192;

    /// <summary>The most tokens one reply may have.</summary>
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>True for an embedding model (served at <c>/api/v1/embeddings</c>), false for a chat model.</summary>
    public bool Embeddings { get; set; }
}
