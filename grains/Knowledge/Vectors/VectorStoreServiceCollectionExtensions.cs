using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>Registers the deployment's vector store.</summary>
public static class VectorStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the deployment's <see cref="IVectorStore"/> from <c>ChatSphere:Vectors</c>: the embedded store (also
    /// registered as <see cref="EmbeddedVectorStore"/>, for reconciliation on activation) or Pinecone.
    /// </summary>
    public static IServiceCollection AddChatSphereVectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(VectorStoreOptions.SectionName).Get<VectorStoreOptions>() ?? new VectorStoreOptions();
        switch (options.Provider.ToLowerInvariant())
        {
            case "embedded":
                var dataPath = configuration["ChatSphere:DataPath"] is { Length: > 0 } path ? path : "./data";
                var folder = Path.GetFullPath(options.Folder ?? Path.Combine(dataPath, "vectors"));
                services.TryAddSingleton(sp => new EmbeddedVectorStore(
                    new EmbeddedVectorStoreOptions { Folder = folder, ExactSearchLimit = options.ExactSearchLimit },
                    sp.GetRequiredService<ILogger<EmbeddedVectorStore>>()));
                services.TryAddSingleton<IVectorStore>(sp => sp.GetRequiredService<EmbeddedVectorStore>());
                break;
            case "pinecone":
                if (string.IsNullOrWhiteSpace(options.Pinecone.IndexHost) || string.IsNullOrWhiteSpace(options.Pinecone.ApiKey))
                {
                    throw new InvalidOperationException($"{VectorStoreOptions.SectionName}:Pinecone:IndexHost and :ApiKey are required for the pinecone provider.");
                }

                var pinecone = new PineconeOptions
                {
                    IndexHost = new Uri(options.Pinecone.IndexHost),
                    ApiKey = options.Pinecone.ApiKey,
                    ApiVersion = options.Pinecone.ApiVersion,
                };
                // One long-lived client whose pooled connections are renewed, so DNS changes are picked up.
                services.TryAddSingleton<IVectorStore>(_ => new PineconeVectorStore(
                    new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
                    pinecone));
                break;
            default:
                throw new InvalidOperationException($"{VectorStoreOptions.SectionName}:Provider must be 'embedded' or 'pinecone', not '{options.Provider}'.");
        }

        return services;
    }
}
