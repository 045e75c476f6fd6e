using ChatSphere.Grains.Ai.Providers;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// A model of the deployment's catalogue. <paramref name="Provider"/> names the provider that serves it (the
/// configuration name, or <c>chatsphere-embedded</c> / <c>chatsphere-instant</c> in process);
/// <see cref="ProviderModel"/> is the name that provider knows it by.
/// </summary>
public sealed record ChatModelInfo(string Id, string Provider, string Description)
{
    public ProviderType ProviderType { get; init; } = ProviderType.Embedded;

    public string ProviderModel { get; init; } = Id;

    /// <summary>chat or embeddings.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Chat;

    public int ContextTokens { get; init; } = 8192;

    public int MaxOutputTokens { get; init; } = 4096;

    /// <summary>What the model can do: <c>chat</c>, <c>streaming</c>, <c>embeddings</c>, <c>grounded-only</c>, <c>offline</c>, <c>citations</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = ["chat", "streaming"];
}

/// <summary>What a catalogue model does: answers chats or makes embeddings.</summary>
public enum ModelKind
{
    Chat,
    Embeddings,
}
