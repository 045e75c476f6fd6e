namespace ChatSphere.Api.Auth.Oidc;

/// <summary>Registers sign-in through OpenID Connect providers.</summary>
public static class OidcServiceCollectionExtensions
{
    /// <summary>Sign-in through the providers under <c>ChatSphere:Auth:Oidc:Providers</c> (none configured: none offered).</summary>
    public static IServiceCollection AddChatSphereOidc(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OidcOptions>(configuration.GetSection(OidcOptions.Section));
        services.AddHttpClient(OidcProviders.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<OidcProviders>();
        services.AddSingleton<OidcState>();
        return services;
    }
}
