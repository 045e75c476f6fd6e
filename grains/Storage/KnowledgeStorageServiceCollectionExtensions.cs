using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains.Storage;

/// <summary>Registers the knowledge stores on the silo.</summary>
public static class KnowledgeStorageServiceCollectionExtensions
{
    /// <summary>The knowledge tables (sources, pages, chunks, files). Needs <see cref="ChatSphereDatabase"/> registered.</summary>
    public static IServiceCollection AddChatSphereKnowledgeStore(this IServiceCollection services)
    {
        services.TryAddSingleton<SourceStore>();
        services.TryAddSingleton<ChunkStore>();
        return services;
    }
}
