using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ingestion;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains;

/// <summary>Registers what the grains call: stores and AI adapters.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddChatSphereGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<Telemetry.ChatMetrics>();
        services.AddChatSphereStores();
        services.AddChatSphereAi(configuration);
        services.AddChatSphereIngestion(configuration);
        return services;
    }
}
