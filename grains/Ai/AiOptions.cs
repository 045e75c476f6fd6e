using ChatSphere.Grains.Ai.Providers;

namespace ChatSphere.Grains.Ai;

/// <summary>Settings of the AI adapters, from the configuration section <c>ChatSphere:Ai</c> (every setting and its default: docs/models.md).</summary>
public sealed class AiOptions
{
    public const string SectionName = "ChatSphere:Ai";

    public InstantModelOptions InstantModel { get; set; } = new();

    /// <summary>Model providers of this deployment by name (<c>ChatSphere:Ai:Providers:&lt;name&gt;</c>); models are listed as <c>&lt;name&gt;/&lt;model&gt;</c>.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The AES-256 key (base64, 32 bytes) that encrypts workspace credentials at rest. When empty, a key is created
    /// once in <c>&lt;DataPath&gt;/keys/ai-secrets.key</c>; every silo of a cluster must be given the same key.
    /// </summary>
    public string? SecretsKey { get; set; }

    /// <summary>The longest a whole reply may take, from the stored question to the last token.</summary>
    public int ReplyTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a reply keeps going once nobody reads it (time for a dropped visitor to come back and Resume).</summary>
    public double AbandonedReplyGraceSeconds { get; set; } = 15;
}

/// <summary>The benchmark model "instant" (<c>ChatSphere:Ai:InstantModel</c>); off unless enabled.</summary>
public sealed class InstantModelOptions
{
    public const int MinTokenCount = 1;
    public const int MaxTokenCount = 100_000;

    public bool Enabled { get; set; }

    /// <summary>Words in each reply.</summary>
    public int TokenCount { get; set; } = 50;

    /// <summary>Milliseconds before each streamed word (0: the whole reply at once).</summary>
    public int TokenDelayMs { get; set; }
}
