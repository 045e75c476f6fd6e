using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Ai.Credentials;

/// <summary>A workspace's provider keys, sealed with <see cref="SecretProtector"/> before they are stored.</summary>
public sealed class WorkspaceAiGrain(
    [PersistentState("workspace-ai", GrainStorage.Name)] IPersistentState<WorkspaceAiState> state,
    IChatModelCatalog catalog,
    SecretProtector protector,
    TimeProvider clock) : Grain, IWorkspaceAiGrain
{
    public const int MaxKeyLength = 512;

    private string WorkspaceId => this.GetPrimaryKeyString();

    public async Task<ProviderCredentialInfo> SetProviderAsync(string provider, string apiKey)
    {
        var name = ValidProvider(provider);
        var key = apiKey?.Trim() ?? "";
        if (key.Length == 0 || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new ValidationFailedException("apiKey", $"Must be 1 to {MaxKeyLength} printable characters.");
        }

        if (!Ids.IsWellFormed(WorkspaceId))
        {
            throw new ValidationFailedException("workspaceId", "Must be 1 to 64 letters, digits, '_' or '-'.");
        }

        var stored = new StoredCredential
        {
            Provider = name,
            Ciphertext = protector.Seal(key, WorkspaceId, name),
            KeyHint = key.Length > 8 ? "…" + key[^4..] : "…",
            UpdatedAt = clock.GetUtcNow(),
        };
        state.State.Credentials[name] = stored;
        await state.WriteStateAsync();
        return Info(stored);
    }

    public async Task<bool> RemoveProviderAsync(string provider)
    {
        if (!state.State.Credentials.Remove(provider?.Trim().ToLowerInvariant() ?? ""))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<ProviderCredentialInfo>> ListProvidersAsync() =>
        Task.FromResult<IReadOnlyList<ProviderCredentialInfo>>(state.State.Credentials.Values.OrderBy(c => c.Provider, StringComparer.Ordinal).Select(Info).ToArray());

    public Task<IReadOnlyList<SealedCredential>> GetSealedAsync() =>
        Task.FromResult<IReadOnlyList<SealedCredential>>(state.State.Credentials.Values
            .Select(c => new SealedCredential { Provider = c.Provider, Ciphertext = c.Ciphertext }).ToArray());

    public async Task RemoveAllAsync()
    {
        await state.ClearStateAsync();
        state.State = new WorkspaceAiState();
    }

    private string ValidProvider(string provider)
    {
        var match = catalog.ProviderNames.FirstOrDefault(p => string.Equals(p, provider?.Trim(), StringComparison.OrdinalIgnoreCase));
        return match?.ToLowerInvariant() ?? throw new ValidationFailedException("provider",
            $"Unknown provider '{provider}'. Configured providers: {(catalog.ProviderNames.Count == 0 ? "none" : string.Join(", ", catalog.ProviderNames))}.");
    }

    private static ProviderCredentialInfo Info(StoredCredential c) => new() { Provider = c.Provider, KeyHint = c.KeyHint, UpdatedAt = c.UpdatedAt };
}
