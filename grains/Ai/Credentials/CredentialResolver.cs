using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.Grains.Ai.Providers;

namespace ChatSphere.Grains.Ai.Credentials;

/// <summary>A workspace's provider keys, decrypted in the silo for one generation; none when the bot uses only in-process models.</summary>
public sealed class CredentialResolver(IGrainFactory grains, IChatModelCatalog catalog, SecretProtector protector)
{
    private static readonly IReadOnlyDictionary<string, ProviderCredential> None = new Dictionary<string, ProviderCredential>();

    public async Task<IReadOnlyDictionary<string, ProviderCredential>> ResolveAsync(string workspaceId, IEnumerable<string> models)
    {
        if (!models.Any(m => catalog.Find(m) is { } info && catalog.ProviderNames.Contains(info.Provider, StringComparer.OrdinalIgnoreCase)))
        {
            return None;
        }

        var sealedKeys = await grains.GetGrain<IWorkspaceAiGrain>(workspaceId).GetSealedAsync();
        if (sealedKeys.Count == 0)
        {
            return None;
        }

        var result = new Dictionary<string, ProviderCredential>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in sealedKeys)
        {
            result[key.Provider] = new ProviderCredential(protector.Open(key.Ciphertext, workspaceId, key.Provider), null);
        }

        return result;
    }
}
