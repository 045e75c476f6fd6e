using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Apis;

/// <summary>Body of POST /api/v1/workspaces/{workspaceId}/api-keys.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string?>? Scopes, string? BotId, DateTimeOffset? ExpiresAt);

/// <summary>Body of POST .../api-keys/{keyId}/rotate: how long the old secret keeps working (default one day, at most seven).</summary>
public sealed record RotateApiKeyRequest(int? OverlapSeconds);

/// <summary>An API key as listed (never its secret).</summary>
public sealed record ApiKeyResponse(
    string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string? BotId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RotatedAt, DateTimeOffset? PreviousSecretExpiresAt, string? CreatedBy)
{
    public static ApiKeyResponse From(ApiKeyInfo key) => new(
        key.Id, key.Name, key.Prefix, ApiKeyScopeNames.Of(key.Scopes), key.BotId, key.CreatedAt, key.ExpiresAt, key.LastUsedAt,
        key.RotatedAt, key.PreviousSecretExpiresAt, key.CreatedBy);
}

/// <summary>A new or rotated key: <see cref="Secret"/> is the full key, shown this once.</summary>
public sealed record IssuedApiKeyResponse(ApiKeyResponse Key, string Secret)
{
    public static IssuedApiKeyResponse From(IssuedApiKey issued) => new(ApiKeyResponse.From(issued.Key), issued.Secret);
}
