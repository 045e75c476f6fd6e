namespace ChatSphere.Grains.Accounts;

/// <summary>What the user grain persists. Lists are capped: <see cref="UserGrain.MaxWorkspaces"/>, <see cref="GrainInterfaces.Accounts.AccountOptions.MaxSessions"/>.</summary>
[GenerateSerializer, Alias("ChatSphere.UserState")]
public sealed class UserState
{
    [Id(0)] public string? Email { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Argon2id, PHC string format.</summary>
    [Id(2)] public string? PasswordHash { get; set; }
    [Id(3)] public bool EmailVerified { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The sign-up workspace first.</summary>
    [Id(5)] public List<string> WorkspaceIds { get; set; } = [];
    [Id(6)] public List<RefreshFamily> Sessions { get; set; } = [];
    [Id(7)] public OneTimeToken? PasswordReset { get; set; }
    [Id(8)] public OneTimeToken? EmailVerification { get; set; }
    /// <summary>Consecutive wrong passwords since the last right one.</summary>
    [Id(9)] public int FailedLogins { get; set; }
    [Id(10)] public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Provider sign-ins linked to the account, at most <see cref="UserGrain.MaxExternalLogins"/>.</summary>
    [Id(11)] public List<GrainInterfaces.Accounts.ExternalLogin> ExternalLogins { get; set; } = [];
}

/// <summary>
/// A session: a chain of refresh tokens where each refresh spends the current one. Only the current token's hash is
/// kept; any other secret presented for the family is a spent (stolen or replayed) token, and ends the family.
/// </summary>
[GenerateSerializer, Alias("ChatSphere.RefreshFamily")]
public sealed class RefreshFamily
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required byte[] SecretHash { get; set; }
    [Id(2)] public DateTimeOffset StartedAt { get; init; }
    [Id(3)] public DateTimeOffset TokenExpiresAt { get; set; }
    [Id(4)] public DateTimeOffset FamilyExpiresAt { get; init; }
}

/// <summary>A single-use token's hash and expiry.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.OneTimeToken")]
public sealed record OneTimeToken([property: Id(0)] byte[] Hash, [property: Id(1)] DateTimeOffset ExpiresAt)
{
    public bool Accepts(string secret, DateTimeOffset now) => ExpiresAt > now && GrainInterfaces.Accounts.AccountTokens.Matches(secret, Hash);
}
