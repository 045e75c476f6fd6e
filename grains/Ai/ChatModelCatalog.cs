using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ai;

/// <summary>The answer models this deployment offers, by id (a chatbot's <c>Answer.Model</c>).</summary>
public interface IChatModelCatalog
{
    IReadOnlyList<ChatModelInfo> Models { get; }

    bool Contains(string modelId);

    /// <summary>The client of a model; throws <see cref="KeyNotFoundException"/> for an id not in <see cref="Models"/>.</summary>
    IChatClient Get(string modelId);
}

/// <summary>"embedded" always; "instant" when <c>ChatSphere:Ai:InstantModel:Enabled</c> is true.</summary>
public sealed class ChatModelCatalog : IChatModelCatalog
{
    private readonly Dictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    public ChatModelCatalog(EmbeddedAnswerer embedded, IOptions<AiOptions> options)
    {
        var models = new List<ChatModelInfo>();
        Add(models, embedded, new ChatModelInfo(EmbeddedAnswerer.ModelId, EmbeddedAnswerer.ProviderName,
            "Answers offline from the bot's Q&A knowledge, with a citation; the fallback message when nothing matches."));

        if (options.Value.InstantModel is { Enabled: true } instant)
        {
            Add(models, new InstantChatClient(instant.TokenCount, TimeSpan.FromMilliseconds(instant.TokenDelayMs)), new ChatModelInfo(InstantChatClient.ModelId, InstantChatClient.ProviderName,
                $"Benchmark model: a fixed reply of {instant.TokenCount} words at once."));
        }

        Models = models;
    }

    public IReadOnlyList<ChatModelInfo> Models { get; }

    public bool Contains(string modelId) => modelId is not null && _clients.ContainsKey(modelId);

    public IChatClient Get(string modelId) =>
        modelId is not null && _clients.TryGetValue(modelId, out var client)
            ? client
            : throw new KeyNotFoundException($"No answer model '{modelId}' in this deployment; available: {string.Join(", ", _clients.Keys)}.");

    private void Add(List<ChatModelInfo> models, IChatClient client, ChatModelInfo info)
    {
        _clients.Add(info.Id, client);
        models.Add(info);
    }
}
