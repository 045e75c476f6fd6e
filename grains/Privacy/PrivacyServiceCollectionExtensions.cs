using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains.Privacy;

/// <summary>Registers retention, personal data protection and the conversation purge.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Retention settings (<c>ChatSphere:Privacy:*</c>), personal data encryption and the conversation purge.</summary>
    public static IServiceCollection AddChatSpherePrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Configure(o => PrivacyOptions.Read(configuration, o));
        services.TryAddSingleton<PersonalDataProtector>();
        services.TryAddSingleton<ConversationPurge>();
        return services;
    }
}
