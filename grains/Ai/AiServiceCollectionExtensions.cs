using ChatSphere.Grains.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// The embedding generator (the offline MiniLM model), the catalogue of answer models with its options
    /// (<c>ChatSphere:Ai</c>), and the knowledge store the knowledge grains keep sources in.
    /// </summary>
    public static IServiceCollection AddChatSphereAi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>()
            .Bind(configuration.GetSection(AiOptions.SectionName))
            .Validate(o => o.InstantModel.TokenCount is >= InstantModelOptions.MinTokenCount and <= InstantModelOptions.MaxTokenCount,
                $"{AiOptions.SectionName}:InstantModel:TokenCount must be between {InstantModelOptions.MinTokenCount} and {InstantModelOptions.MaxTokenCount}.")
            .Validate(o => o.InstantModel.TokenDelayMs is >= 0 and <= 10_000,
                $"{AiOptions.SectionName}:InstantModel:TokenDelayMs must be between 0 and 10000.")
            .ValidateOnStart();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.TryAddSingleton<EmbeddedAnswerer>();
        services.TryAddSingleton<IChatModelCatalog, ChatModelCatalog>();
        services.AddChatSphereKnowledgeStore();
        return services;
    }
}
