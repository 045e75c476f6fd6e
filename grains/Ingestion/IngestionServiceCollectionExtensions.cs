using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion.Web;
using ChatSphere.Grains.Knowledge.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>The ingestion pipeline (<c>ChatSphere:Ingestion</c> options), its safe web client, and the default retriever.</summary>
    public static IServiceCollection AddChatSphereIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section));
        services.TryAddSingleton<IKnowledgeRetrieverFactory, ExactVectorRetrieverFactory>();
        services.TryAddSingleton<SafeHttpHandlerFactory>();
        services.TryAddSingleton(sp => new WebFetcher(
            new HttpClient(sp.GetRequiredService<SafeHttpHandlerFactory>().Create()) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IOptions<IngestionOptions>>()));
        services.TryAddSingleton<SiteCrawler>();
        services.TryAddSingleton<PageIndexer>();
        services.TryAddSingleton<IngestionPipeline>();
        return services;
    }
}
