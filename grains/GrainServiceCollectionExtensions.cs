using ChatSphere.Grains.Accounts;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Ingestion;
using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Privacy;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains;

/// <summary>Registers what the grains call: stores and AI adapters.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddChatSphereGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Telemetry.ChatMetrics>();
        services.TryAddSingleton(sp => new Conversations.ConversationClock(sp.GetRequiredService<TimeProvider>()));
        services.AddChatSphereStores();
        services.AddChatSphereAi(configuration);
        services.AddChatSphereAccounts(configuration);
        services.AddChatSphereBilling(configuration);
        services.AddChatSphereVectorStore(configuration);
        services.AddChatSphereKnowledgeEmbeddings(configuration);
        services.AddSingleton<Knowledge.Search.IKnowledgeRetrieverFactory, Knowledge.Search.HybridKnowledgeRetrieverFactory>();
        services.AddChatSphereIngestion(configuration);
        services.AddChatSpherePrivacy(configuration);
        return services;
    }
}
