namespace ChatSphere.Api.Realtime;

/// <summary>The API node's pieces of live operations: its inbox feed (a hosted observer) and how agents are named.</summary>
public static class LiveOperationsServiceCollectionExtensions
{
    public static IServiceCollection AddLiveOperations(this IServiceCollection services)
    {
        services.AddSingleton<InboxFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxFeed>());
        services.AddSingleton<AgentIdentity>();
        return services;
    }
}
