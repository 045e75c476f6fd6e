namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>An API key as listed: everything but its secret.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ApiKeyInfo")]
public sealed record ApiKeyInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string WorkspaceId { get; init; }
    [Id(2)] public required string Name { get; init; }
    /// <summary>The visible start of the key (<c>csk_...</c>), so people can tell their keys apart.</summary>
    [Id(3)] public required string Prefix { get; init; }
    [Id(4)] public ApiKeyScopes Scopes { get; init; }
    /// <summary>The only chatbot the key may use, if limited to one.</summary>
    [Id(5)] public string? BotId { get; init; }
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset? ExpiresAt { get; init; }
    [Id(8)] public DateTimeOffset? LastUsedAt { get; init; }
    [Id(9)] public DateTimeOffset? RotatedAt { get; init; }
    /// <summary>Until when the secret in use before the last rotation still works.</summary>
    [Id(10)] public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
    [Id(11)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(12)] public string? CreatedBy { get; init; }
}

/// <summary>A new or rotated key with its full secret: the only time the secret is shown.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.IssuedApiKey")]
public sealed record IssuedApiKey([property: Id(0)] ApiKeyInfo Key, [property: Id(1)] string Secret);

/// <summary>What a new key may do.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ApiKeySpec")]
public sealed record ApiKeySpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public ApiKeyScopes Scopes { get; init; }
    [Id(2)] public string? BotId { get; init; }
    [Id(3)] public DateTimeOffset? ExpiresAt { get; init; }
    [Id(4)] public string? CreatedBy { get; init; }
}

/// <summary>What a valid key grants the request that presented it.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ApiKeyGrant")]
public sealed record ApiKeyGrant
{
    [Id(0)] public required string KeyId { get; init; }
    [Id(1)] public required string WorkspaceId { get; init; }
    [Id(2)] public ApiKeyScopes Scopes { get; init; }
    [Id(3)] public string? BotId { get; init; }
}
