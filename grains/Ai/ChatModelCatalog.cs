using ChatSphere.Grains.Ai.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ai;

/// <summary>The models this deployment offers, by id (a chatbot's <c>Answer.Model</c>, or an embeddings model).</summary>
public interface IChatModelCatalog
{
    /// <summary>Chat models first (embedded, instant, then providers' in configuration order), then embedding models.</summary>
    IReadOnlyList<ChatModelInfo> Models { get; }

    /// <summary>True for a chat model id.</summary>
    bool Contains(string modelId);

    ChatModelInfo? Find(string modelId);

    /// <summary>The client of a chat model with the deployment's credentials; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    IChatClient Get(string modelId);

    /// <summary>The client of a chat model with a workspace's own credentials for its provider (the deployment's when null).</summary>
    IChatClient Get(string modelId, ProviderCredential? credential);

    /// <summary>The generator of an embeddings model; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    IEmbeddingGenerator<string, Embedding<float>> GetEmbeddings(string modelId, ProviderCredential? credential);

    /// <summary>How the model's provider is doing (with the deployment's credentials); in-process models are always healthy.</summary>
    HealthSnapshot Health(string modelId);

    /// <summary>The names of the configured providers (workspaces may set their own credentials for these).</summary>
    IReadOnlyCollection<string> ProviderNames { get; }
}

/// <summary>
/// "embedded" always; "instant" when <c>ChatSphere:Ai:InstantModel:Enabled</c> is true; each configured provider's
/// models as <c>&lt;provider&gt;/&lt;model&gt;</c>; the offline embeddings model <c>all-MiniLM-L6-v2</c>.
/// </summary>
public sealed class ChatModelCatalog : IChatModelCatalog
{
    private static readonly HealthSnapshot InProcess = new(ModelHealthStatus.Healthy, "none", null, null, null);

    private readonly Dictionary<string, IChatClient> _local = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChatModelInfo> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelProvider> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly IEmbeddingGenerator<string, Embedding<float>> _localEmbeddings;

    public ChatModelCatalog(
        EmbeddedAnswerer embedded, IEmbeddingGenerator<string, Embedding<float>> embeddings, IOptions<AiOptions> options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        _localEmbeddings = embeddings;
        var models = new List<ChatModelInfo>();
        AddLocal(models, embedded, new ChatModelInfo(EmbeddedAnswerer.ModelId, EmbeddedAnswerer.ProviderName,
            "Answers offline from the bot's Q&A knowledge, with a citation; the fallback message when nothing matches.")
        {
            Capabilities = ["chat", "streaming", "grounded-only", "citations", "offline"],
            ContextTokens = 8192,
            MaxOutputTokens = 4096,
        });

        if (options.Value.InstantModel is { Enabled: true } instant)
        {
            AddLocal(models, new InstantChatClient(instant.TokenCount, TimeSpan.FromMilliseconds(instant.TokenDelayMs), time), new ChatModelInfo(InstantChatClient.ModelId, InstantChatClient.ProviderName,
                $"Benchmark model: a fixed reply of {instant.TokenCount} words at once.")
            {
                Capabilities = ["chat", "streaming", "offline"],
                ContextTokens = 128_000,
            });
        }

        var embeddingModels = new List<ChatModelInfo>
        {
            new(MiniLmModel.ModelId, MiniLmEmbeddingGenerator.ProviderName, "Offline sentence embeddings, 384 dimensions, L2-normalised.")
            {
                Kind = ModelKind.Embeddings,
                Capabilities = ["embeddings", "offline"],
                ContextTokens = 256,
                MaxOutputTokens = 0,
            },
        };

        foreach (var (name, provider) in options.Value.Providers)
        {
            // Types are validated at start-up; an "embedded" provider adds nothing to the in-process answerer.
            if (!ProviderTypes.TryParse(provider.Type, out var type) || type == ProviderType.Embedded)
            {
                continue;
            }

            _providers[name] = new ModelProvider(name, type, provider, time);
            foreach (var model in provider.Models.Where(m => !string.IsNullOrWhiteSpace(m.Name)))
            {
                var info = new ChatModelInfo($"{name}/{model.Name}", name, $"{model.Name} through {type.Name()} provider '{name}'.")
                {
                    ProviderType = type,
                    ProviderModel = model.Name,
                    Kind = model.Embeddings ? ModelKind.Embeddings : ModelKind.Chat,
                    ContextTokens = model.ContextTokens,
                    MaxOutputTokens = model.Embeddings ? 0 : model.MaxOutputTokens,
                    Capabilities = model.Embeddings ? ["embeddings"] : ["chat", "streaming", "citations"],
                };
                (model.Embeddings ? embeddingModels : models).Add(info);
            }
        }

        models.AddRange(embeddingModels);
        foreach (var model in models)
        {
            _byId[model.Id] = model;
        }

        Models = models;
    }

    public IReadOnlyList<ChatModelInfo> Models { get; }

    public bool Contains(string modelId) => Find(modelId) is { Kind: ModelKind.Chat };

    public ChatModelInfo? Find(string modelId) => modelId is not null && _byId.TryGetValue(modelId, out var info) ? info : null;

    public IChatClient Get(string modelId) => Get(modelId, null);

    public IChatClient Get(string modelId, ProviderCredential? credential)
    {
        if (modelId is not null && _local.TryGetValue(modelId, out var local))
        {
            return local;
        }

        var info = Find(modelId!) is { Kind: ModelKind.Chat } chat ? chat : throw Unknown(modelId);
        return _providers[info.Provider].Endpoint(credential).Chat(info.ProviderModel);
    }

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddings(string modelId, ProviderCredential? credential)
    {
        var info = Find(modelId) is { Kind: ModelKind.Embeddings } found ? found : throw Unknown(modelId);
        return info.Id == MiniLmModel.ModelId ? _localEmbeddings : _providers[info.Provider].Endpoint(credential).Embeddings(info.ProviderModel);
    }

    public HealthSnapshot Health(string modelId)
    {
        var info = Find(modelId) ?? throw Unknown(modelId);
        return _providers.TryGetValue(info.Provider, out var provider) ? provider.Endpoint(null).Health.Snapshot() : InProcess;
    }

    public IReadOnlyCollection<string> ProviderNames => _providers.Keys;

    private KeyNotFoundException Unknown(string? modelId) =>
        new($"No model '{modelId}' in this deployment; available: {string.Join(", ", _byId.Keys)}.");

    private void AddLocal(List<ChatModelInfo> models, IChatClient client, ChatModelInfo info)
    {
        _local.Add(info.Id, client);
        models.Add(info);
    }
}
