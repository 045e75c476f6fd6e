using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains.Storage;

public static class KnowledgeStorageServiceCollectionExtensions
{
    /// <summary>The knowledge sources table (cs_knowledge_sources). Needs <see cref="ChatSphereDatabase"/> registered.</summary>
    public static IServiceCollection AddChatSphereKnowledgeStore(this IServiceCollection services)
    {
        services.TryAddSingleton<SourceStore>();
        return services;
    }
}
