using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>Embedding generator and the catalogue of chat models.</summary>
    public static IServiceCollection AddChatSphereAi(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
