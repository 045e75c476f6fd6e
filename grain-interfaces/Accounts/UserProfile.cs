namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>A user as the API shows it (no credentials).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.UserProfile")]
public sealed record UserProfile
{
    /// <summary>Longest name a user may have (the API checks it before the user grain does).</summary>
    public const int MaxNameLength = 100;

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public bool EmailVerified { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The workspaces the user belongs to, the one created at sign-up first.</summary>
    [Id(5)] public IReadOnlyList<string> WorkspaceIds { get; init; } = [];
}

/// <summary>A signed-in session: the user and a fresh refresh token (shown to the client once).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.UserSession")]
public sealed record UserSession
{
    [Id(0)] public required UserProfile User { get; init; }
    [Id(1)] public required string RefreshToken { get; init; }
    [Id(2)] public DateTimeOffset RefreshExpiresAt { get; init; }
}

/// <summary>What sign-up needs.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.Registration")]
public sealed record Registration
{
    [Id(0)] public required string Email { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Password { get; init; }
    /// <summary>A workspace without an owner the new user adopts instead of getting a new one (the embedded demo).</summary>
    [Id(3)] public string? AdoptWorkspaceId { get; init; }
}

/// <summary>A registered user, their first session and a verification token for their email address.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.RegistrationResult")]
public sealed record RegistrationResult
{
    [Id(0)] public required UserSession Session { get; init; }
    [Id(1)] public required string VerificationToken { get; init; }
}
