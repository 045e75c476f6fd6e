using ChatSphere.Grains.Ai.Credentials;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Usage;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains.Ai;

/// <summary>Registers the AI adapters the grains call: embeddings, the answer models and their providers.</summary>
public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// The embedding generator (the offline MiniLM model), the catalogue of answer models with its options
    /// (<c>ChatSphere:Ai</c>), prompt assembly, the reply generator with its fallback chain, usage accounting,
    /// workspace credentials, and the knowledge store the knowledge grains keep sources in.
    /// </summary>
    public static IServiceCollection AddChatSphereAi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>()
            .Bind(configuration.GetSection(AiOptions.SectionName))
            .Validate(o => o.InstantModel.TokenCount is >= InstantModelOptions.MinTokenCount and <= InstantModelOptions.MaxTokenCount,
                $"{AiOptions.SectionName}:InstantModel:TokenCount must be between {InstantModelOptions.MinTokenCount} and {InstantModelOptions.MaxTokenCount}.")
            .Validate(o => o.InstantModel.TokenDelayMs is >= 0 and <= 10_000,
                $"{AiOptions.SectionName}:InstantModel:TokenDelayMs must be between 0 and 10000.")
            .Validate(o => o.ReplyTimeoutSeconds is >= 1 and <= 3600, $"{AiOptions.SectionName}:ReplyTimeoutSeconds must be between 1 and 3600.")
            .Validate(o => o.Providers.Values.All(p => p.Models.All(m => m.ContextTokens >= 1024 && m.MaxOutputTokens >= 0)),
                $"{AiOptions.SectionName}:Providers:*:Models:*:ContextTokens must be at least 1024.")
            .Validate(o => o.Providers.Values.All(p => Providers.ProviderTypes.TryParse(p.Type, out _)),
                $"{AiOptions.SectionName}:Providers:*:Type must be embedded, openai, azure-openai or openai-compatible.")
            .Validate(o => o.Providers.Values.All(HasUsableBaseUrl),
                $"{AiOptions.SectionName}:Providers:*:BaseUrl must be an absolute http(s) URL (required for azure-openai and openai-compatible).")
            .ValidateOnStart();
        services.AddOptions<AiDataPath>().Configure(o => o.Path = configuration["ChatSphere:DataPath"] is { Length: > 0 } path ? path : "./data");
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.TryAddSingleton<EmbeddedAnswerer>();
        services.TryAddSingleton<IChatModelCatalog, ChatModelCatalog>();
        services.TryAddSingleton<TokenCounter>();
        services.TryAddSingleton<PromptAssembler>();
        services.TryAddSingleton<ConversationSummarizer>();
        services.TryAddSingleton<ReplyGenerator>();
        services.TryAddSingleton<SecretProtector>();
        services.TryAddSingleton<CredentialResolver>();
        services.TryAddSingleton<UsageStore>();
        services.TryAddSingleton<EmbeddingUsageStore>();
        services.TryAddSingleton<MemoryStore>();
        services.TryAddSingleton<GenerationMetrics>();
        services.TryAddSingleton<ReplyPipeline>();
        services.AddChatSphereKnowledgeStore();
        return services;
    }

    private static bool HasUsableBaseUrl(Providers.ProviderOptions provider)
    {
        if (string.IsNullOrWhiteSpace(provider.BaseUrl))
        {
            return !Providers.ProviderTypes.TryParse(provider.Type, out var type) || type is Providers.ProviderType.OpenAi or Providers.ProviderType.Embedded;
        }

        return Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
