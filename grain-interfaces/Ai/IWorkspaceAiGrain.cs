namespace ChatSphere.GrainInterfaces.Ai;

/// <summary>
/// A workspace's own credentials for the deployment's model providers (keyed by workspace id). Keys are encrypted
/// at rest and never leave the grain in clear: listings show a hint, and the silo decrypts them only to call a model.
/// </summary>
[Alias("ChatSphere.IWorkspaceAiGrain")]
public interface IWorkspaceAiGrain : IGrainWithStringKey
{
    /// <summary>Sets (or replaces) the key for a configured provider. Throws <see cref="Errors.ValidationFailedException"/>.</summary>
    [Alias("SetProvider")]
    Task<ProviderCredentialInfo> SetProviderAsync(string provider, string apiKey);

    /// <summary>False if the workspace had no key for that provider.</summary>
    [Alias("RemoveProvider")]
    Task<bool> RemoveProviderAsync(string provider);

    [Alias("ListProviders"), AlwaysInterleave]
    Task<IReadOnlyList<ProviderCredentialInfo>> ListProvidersAsync();

    /// <summary>The encrypted keys, for the silo's generation path only (the API never calls this).</summary>
    [Alias("GetSealed"), AlwaysInterleave]
    Task<IReadOnlyList<SealedCredential>> GetSealedAsync();

    /// <summary>The workspace is deleted: forgets every provider key.</summary>
    [Alias("RemoveAll")]
    Task RemoveAllAsync();
}

/// <summary>A workspace's key for a provider as it may be shown: never the key, only its last four characters.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ProviderCredentialInfo")]
public sealed record ProviderCredentialInfo
{
    [Id(0)] public required string Provider { get; init; }
    [Id(1)] public string KeyHint { get; init; } = "";
    [Id(2)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A provider key as stored: AES-GCM ciphertext bound to its workspace and provider.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.SealedCredential")]
public sealed record SealedCredential
{
    [Id(0)] public required string Provider { get; init; }
    [Id(1)] public required byte[] Ciphertext { get; init; }
}
