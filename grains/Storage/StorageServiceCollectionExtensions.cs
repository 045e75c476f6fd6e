using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>ChatSphere's own tables: the conversation log and index, the audit log.</summary>
    public static IServiceCollection AddChatSphereStores(this IServiceCollection services)
    {
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<Conversations.VisitorStore>();
        services.AddSingleton<InboxSearch>();
        services.AddSingleton<CannedResponseStore>();
        return services;
    }
}
