namespace ChatSphere.Api.Auth.Oidc;

/// <summary>
/// Sign-in through OpenID Connect providers (<c>ChatSphere:Auth:Oidc</c>): Google, Microsoft, a company IdP, or GitHub
/// through an OIDC bridge. Each provider is a named entry under <see cref="Providers"/>.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "ChatSphere:Auth:Oidc";

    public Dictionary<string, OidcProviderOptions> Providers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Absolute URL prefixes (a dashboard's origin) the flow may send the browser back to; relative paths
    /// on this host are always allowed.</summary>
    public List<string> AllowedReturnUrls { get; init; } = [];

    /// <summary>The public base URL of this API (behind a proxy); the request's own URL when unset.</summary>
    public string? PublicBaseUrl { get; init; }
}

/// <summary>One OpenID Connect provider a person may sign in with (<c>ChatSphere:Auth:Oidc:Providers:{name}</c>).</summary>
public sealed class OidcProviderOptions
{
    /// <summary>The issuer; discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; init; } = "";

    public string ClientId { get; init; } = "";

    public string? ClientSecret { get; init; }

    public string Scopes { get; init; } = "openid email profile";

    public string? DisplayName { get; init; }

    /// <summary>Refuse discovery and keys over plain HTTP (off only for loopback tests).</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}
