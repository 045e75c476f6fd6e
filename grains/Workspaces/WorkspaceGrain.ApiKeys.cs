using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Workspaces;

/// <summary>The workspace's API keys: created, listed, rotated and revoked (with every key they minted) through their key grains.</summary>
public sealed partial class WorkspaceGrain
{
    public async Task<IssuedApiKey> CreateApiKeyAsync(ApiKeySpec spec)
    {
        EnsureExists();
        ValidateApiKey(spec);
        if (state.State.ApiKeyIds.Count >= MaxApiKeys)
        {
            throw new ConflictException($"A workspace has at most {MaxApiKeys} API keys; revoke unused ones first.");
        }

        var keyId = ApiKeyTokens.NewKeyId();
        var issued = await GrainFactory.GetGrain<IApiKeyGrain>(keyId).CreateAsync(WorkspaceId, spec with { Name = spec.Name.Trim() });
        state.State.ApiKeyIds.Add(keyId);
        await state.WriteStateAsync();
        LogApiKeyCreated(WorkspaceId, keyId, spec.Scopes, spec.BotId);
        return issued;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync()
    {
        var keys = await Task.WhenAll(state.State.ApiKeyIds.Select(id => GrainFactory.GetGrain<IApiKeyGrain>(id).GetAsync()));
        return keys.OfType<ApiKeyInfo>().Where(k => k.RevokedAt is null).OrderByDescending(k => k.CreatedAt).ToArray();
    }

    public async Task<IssuedApiKey> RotateApiKeyAsync(string keyId, TimeSpan overlap) => state.State.ApiKeyIds.Contains(keyId)
        ? await GrainFactory.GetGrain<IApiKeyGrain>(keyId).RotateAsync(overlap)
        : throw new NotFoundException("API key", keyId);

    public async Task<bool> RevokeApiKeyAsync(string keyId)
    {
        if (!state.State.ApiKeyIds.Contains(keyId))
        {
            return false;
        }

        // The key and every key it created, and theirs: a revoked key leaves nothing it minted behind.
        var infos = (await Task.WhenAll(state.State.ApiKeyIds.Select(id => GrainFactory.GetGrain<IApiKeyGrain>(id).GetAsync()))).OfType<ApiKeyInfo>().ToArray();
        var doomed = new List<string> { keyId };
        for (var i = 0; i < doomed.Count; i++)
        {
            doomed.AddRange(infos.Where(k => k.CreatedBy == doomed[i] && !doomed.Contains(k.Id)).Select(k => k.Id));
        }

        foreach (var id in doomed)
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(id).RevokeAsync();
            state.State.ApiKeyIds.Remove(id);
        }

        await state.WriteStateAsync();
        return true;
    }

    private void ValidateApiKey(ApiKeySpec spec)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Is required, at most {MaxNameLength} characters."];
        }

        const ApiKeyScopes all = ApiKeyScopes.Chat | ApiKeyScopes.Read | ApiKeyScopes.Write | ApiKeyScopes.Admin;
        if (spec.Scopes == ApiKeyScopes.None || (spec.Scopes & ~all) != 0)
        {
            errors["scopes"] = ["Must name one or more of chat, read, write, admin."];
        }

        if (spec.BotId is not null && !state.State.ChatbotIds.Contains(spec.BotId))
        {
            errors["botId"] = ["Must be a chatbot of this workspace."];
        }

        if (spec.ExpiresAt is { } expires && expires <= Now)
        {
            errors["expiresAt"] = ["Must be in the future."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: API key {KeyId} created with scopes {Scopes}, chatbot {BotId}")]
    private partial void LogApiKeyCreated(string workspaceId, string keyId, ApiKeyScopes scopes, string? botId);
}
