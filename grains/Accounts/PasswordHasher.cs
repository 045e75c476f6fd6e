using ChatSphere.GrainInterfaces.Errors;
using Isopoh.Cryptography.Argon2;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Accounts;

/// <summary>
/// Argon2id password hashes in the PHC string format (<c>$argon2id$v=19$m=...,t=...,p=...$salt$hash</c>), so a hash
/// made with older parameters still verifies after they change. Hashing is CPU- and memory-heavy: it runs on the
/// thread pool, never on a grain's turn.
/// </summary>
public sealed class PasswordHasher(IOptions<AccountOptions> options)
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private readonly Argon2Options _cost = options.Value.Argon2;
    private Task<string>? _decoy;

    public Task<string> HashAsync(string password) => Task.Run(() => Hash(password));

    public Task<bool> VerifyAsync(string encodedHash, string password) => Task.Run(() => Argon2.Verify(encodedHash, password, _cost.Parallelism));

    /// <summary>Spends the time of one verification for a user that does not exist, so response times do not tell.</summary>
    public async Task VerifyDecoyAsync(string password)
    {
        // Racing callers may each make a decoy; any of them serves.
        _decoy ??= HashAsync("decoy password " + Guid.NewGuid().ToString("N"));
        await VerifyAsync(await _decoy, password);
    }

    /// <summary>Throws <see cref="ValidationFailedException"/> on <paramref name="field"/> if the password is too weak or too long.</summary>
    public static void Validate(string? password, string field = "password")
    {
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
        {
            throw new ValidationFailedException(field, $"Must be {MinLength} to {MaxLength} characters.");
        }

        if (password.Distinct().Count() < 4)
        {
            throw new ValidationFailedException(field, "Must use at least 4 different characters.");
        }
    }

    private string Hash(string password) =>
        Argon2.Hash(password, _cost.Iterations, _cost.MemoryKiB, _cost.Parallelism, Argon2Type.HybridAddressing, 32);
}
