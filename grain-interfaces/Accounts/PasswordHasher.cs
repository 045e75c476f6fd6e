using ChatSphere.GrainInterfaces.Errors;
using Isopoh.Cryptography.Argon2;
using Microsoft.Extensions.Options;

namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>
/// Argon2id password hashes in the PHC string format (<c>$argon2id$v=19$m=...,t=...,p=...$salt$hash</c>), so a hash
/// made with older parameters still verifies after they change. Hashing is CPU- and memory-heavy: it runs on the
/// thread pool, never on a grain's turn, and at most <see cref="Argon2Options.MaxConcurrent"/> at once per process
/// (each holds <see cref="Argon2Options.MemoryKiB"/>); one that cannot start within <see cref="Argon2Options.QueueTimeout"/>
/// fails with <see cref="ServiceUnavailableException"/> (503) rather than pile up until memory runs out.
/// </summary>
public sealed class PasswordHasher(IOptions<AccountOptions> options, TimeProvider? clock = null)
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    private readonly Argon2Options _cost = options.Value.Argon2;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(Math.Max(1, options.Value.Argon2.MaxConcurrent));
    private Task<string>? _decoy;
    private long _typicalTicks;

    public Task<string> HashAsync(string password) => GatedAsync(() => Hash(password));

    public Task<bool> VerifyAsync(string encodedHash, string password) => GatedAsync(() => Argon2.Verify(encodedHash, password, _cost.Parallelism));

    /// <summary>Waits about as long as a hash takes here, without hashing: an answer that needs no hash (an address
    /// already taken) then takes as long as one that does, and costs the server nothing meanwhile.</summary>
    public Task WaitAsLongAsAHashAsync(CancellationToken cancellationToken = default) => Interlocked.Read(ref _typicalTicks) is var ticks and > 0
        ? Task.Delay(TimeSpan.FromTicks(ticks), _clock, cancellationToken)
        // Nothing hashed in this process yet (an API node that is only a client of the cluster): learn it once.
        : VerifyDecoyAsync(Guid.NewGuid().ToString("N"));

    /// <summary>Spends the time of one verification for a user that does not exist, so response times do not tell.</summary>
    public async Task VerifyDecoyAsync(string password)
    {
        // Racing callers may each make a decoy; any of them serves. One that failed (no free slot) is made again.
        if (_decoy is null || _decoy.IsFaulted || _decoy.IsCanceled)
        {
            _decoy = HashAsync("decoy password " + Guid.NewGuid().ToString("N"));
        }

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

    private async Task<T> GatedAsync<T>(Func<T> work)
    {
        if (!_gate.Wait(0) && !await _gate.WaitAsync(_cost.QueueTimeout))
        {
            throw new ServiceUnavailableException("Too many passwords are being checked at once; try again in a few seconds.");
        }

        try
        {
            var started = _clock.GetTimestamp();
            var result = await Task.Run(work);
            Remember(_clock.GetElapsedTime(started));
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A moving average of how long one hash takes (an eighth of each new one).</summary>
    private void Remember(TimeSpan took)
    {
        long current, next;
        do
        {
            current = Interlocked.Read(ref _typicalTicks);
            next = current == 0 ? took.Ticks : current + (took.Ticks - current) / 8;
        }
        while (Interlocked.CompareExchange(ref _typicalTicks, next, current) != current);
    }

    private string Hash(string password) =>
        Argon2.Hash(password, _cost.Iterations, _cost.MemoryKiB, _cost.Parallelism, Argon2Type.HybridAddressing, 32);
}
