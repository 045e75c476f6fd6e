using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>Registers what the account grains need: password hashing and account options.</summary>
public static class AccountServiceCollectionExtensions
{
    /// <summary>Password hashing and account options (<c>ChatSphere:Auth</c>) for the user and workspace grains.</summary>
    public static IServiceCollection AddChatSphereAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PasswordHasher>();
        return services;
    }
}
