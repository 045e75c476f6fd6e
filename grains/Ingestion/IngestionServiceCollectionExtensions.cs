using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ingestion;

/// <summary>Registers the ingestion of sources: fetching, crawling, chunking and indexing pages.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>The ingestion pipeline (<c>ChatSphere:Ingestion</c> options), and its safe web client.</summary>
    public static IServiceCollection AddChatSphereIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section));
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
