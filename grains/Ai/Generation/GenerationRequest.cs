using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Providers;

namespace ChatSphere.Grains.Ai.Generation;

/// <summary>What one reply is generated from.</summary>
public sealed record GenerationRequest
{
    public required ChatbotInfo Bot { get; init; }

    public required string Question { get; init; }

    /// <summary>Retrieved knowledge, best first.</summary>
    public IReadOnlyList<KnowledgeHit> Hits { get; init; } = [];

    /// <summary>Earlier messages, oldest first.</summary>
    public IReadOnlyList<HistoryMessage> History { get; init; } = [];

    public string? Summary { get; init; }

    /// <summary>The workspace's own credentials by provider name; providers without one use the deployment's.</summary>
    public IReadOnlyDictionary<string, ProviderCredential> Credentials { get; init; } = new Dictionary<string, ProviderCredential>();

    /// <summary>Overrides of the bot's settings from an API caller (OpenAI-compatible requests).</summary>
    public float? Temperature { get; init; }

    public int? MaxOutputTokens { get; init; }
}
