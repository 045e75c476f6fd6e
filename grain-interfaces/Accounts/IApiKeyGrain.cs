namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>
/// One API key, keyed by its id: the truth about whether it works. Every request presenting the key asks this
/// grain, so a revocation takes effect at once; API nodes holding live connections of the key subscribe an
/// <see cref="IApiKeyObserver"/> and close them when told. Created and revoked through its workspace.
/// </summary>
[Alias("ChatSphere.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<IssuedApiKey> CreateAsync(string workspaceId, ApiKeySpec spec);

    [Alias("Get"), AlwaysInterleave]
    Task<ApiKeyInfo?> GetAsync();

    /// <summary>What the key grants if <paramref name="secret"/> is its current secret (or the previous one within the overlap window), else null.</summary>
    [Alias("Authenticate")]
    Task<ApiKeyGrant?> AuthenticateAsync(string secret);

    /// <summary>Issues a new secret; the old one keeps working for <paramref name="overlap"/>.</summary>
    [Alias("Rotate")]
    Task<IssuedApiKey> RotateAsync(TimeSpan overlap);

    /// <summary>Revokes the key at once and tells every subscribed node. True if it was live.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync();

    /// <summary>Subscribes (or renews) a node's observer; subscriptions lapse unless renewed within a few minutes.</summary>
    [Alias("Subscribe"), AlwaysInterleave]
    Task SubscribeAsync(IApiKeyObserver observer);

    [Alias("Unsubscribe"), AlwaysInterleave]
    Task UnsubscribeAsync(IApiKeyObserver observer);
}

/// <summary>An API node's observer of the keys its live connections were opened with.</summary>
[Alias("ChatSphere.IApiKeyObserver")]
public interface IApiKeyObserver : IGrainObserver
{
    /// <summary>The key no longer works (revoked): close its connections.</summary>
    [Alias("OnRevoked"), OneWay]
    Task OnRevokedAsync(string keyId);
}
