namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary><c>ChatSphere:Auth</c>: password hashing, lockout and token lifetimes. Defaults are production values (table: docs/api-and-auth.md, "Settings").</summary>
public sealed class AccountOptions
{
    public const string Section = "ChatSphere:Auth";

    public Argon2Options Argon2 { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>How long one refresh token may be spent; every refresh issues a new one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a session (refresh token family) lasts at most, however often it is refreshed.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Sessions a user may hold at once; signing in beyond this ends the oldest.</summary>
    public int MaxSessions { get; set; } = 20;

    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromDays(2);

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Argon2id cost. The defaults follow the OWASP guidance (64 MiB, 3 passes); tests may lower them, production never.</summary>
public sealed class Argon2Options
{
    public int MemoryKiB { get; set; } = 64 * 1024;

    public int Iterations { get; set; } = 3;

    public int Parallelism { get; set; } = 1;

    /// <summary>Hashes (and verifications) running at once in one process; each holds <see cref="MemoryKiB"/>. Default: one per core.</summary>
    public int MaxConcurrent { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a hash waits for a free slot before the request is answered 503.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// After <see cref="FreeAttempts"/> consecutive wrong passwords, each further one locks the account for
/// <see cref="BaseDelay"/> doubled per extra failure, at most <see cref="MaxDelay"/>. A right password or a reset clears it.
/// </summary>
public sealed class LockoutOptions
{
    public int FreeAttempts { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
}
