using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Accounts;

/// <summary>Sessions: signing in (with the lockout on wrong passwords), refresh-token families and signing out.</summary>
public sealed partial class UserGrain
{
    public async Task<UserSession> LoginAsync(string password)
    {
        if (!Exists)
        {
            await hasher.VerifyDecoyAsync(password ?? "");
            throw new InvalidCredentialsException();
        }

        await CheckPasswordAsync(password);
        var session = OpenSession();
        await state.WriteStateAsync();
        return session;
    }

    public async Task<UserSession> RefreshAsync(string familyId, string secret)
    {
        var family = state.State.Sessions.Find(f => f.Id == familyId) ?? throw new InvalidCredentialsException();
        var now = Now;
        if (family.TokenExpiresAt <= now)
        {
            state.State.Sessions.Remove(family);
            await state.WriteStateAsync();
            throw new InvalidCredentialsException();
        }

        if (!AccountTokens.Matches(secret, family.SecretHash))
        {
            // Only the newest token of a family is ever valid: an older one means a copy is in someone else's hands.
            state.State.Sessions.Remove(family);
            await state.WriteStateAsync();
            LogRefreshReuse(UserId, familyId);
            throw new InvalidCredentialsException();
        }

        var token = AccountTokens.NewSecret();
        family.SecretHash = AccountTokens.Hash(token);
        family.TokenExpiresAt = Min(now + _options.RefreshTokenLifetime, family.FamilyExpiresAt);
        await state.WriteStateAsync();
        return Session(family, token);
    }

    public async Task LogoutAsync(string familyId, string secret)
    {
        // Whether the secret is the current one or a spent one, the family ends: either way it is no longer wanted.
        if (state.State.Sessions.RemoveAll(f => f.Id == familyId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>Checks the password against the lockout: wrong ones count, and past the free attempts lock the account for a while.</summary>
    private async Task CheckPasswordAsync(string? password, string field = "password")
    {
        var now = Now;
        if (state.State.LockedUntil is { } until && until > now)
        {
            throw new AccountLockedException(until - now);
        }

        if (string.IsNullOrEmpty(password) || password.Length > PasswordHasher.MaxLength || !await hasher.VerifyAsync(state.State.PasswordHash!, password))
        {
            var lockout = _options.Lockout;
            state.State.FailedLogins++;
            var over = state.State.FailedLogins - lockout.FreeAttempts;
            if (over >= 0)
            {
                var delay = TimeSpan.FromTicks((long)Math.Min(lockout.MaxDelay.Ticks, lockout.BaseDelay.Ticks * Math.Pow(2, Math.Min(over, 30))));
                state.State.LockedUntil = Now + delay;
                LogLockedOut(UserId, state.State.FailedLogins, delay);
            }

            await state.WriteStateAsync();
            throw field == "password" ? new InvalidCredentialsException() : new ValidationFailedException(field, "The password is not right.");
        }

        state.State.FailedLogins = 0;
        state.State.LockedUntil = null;
    }

    private UserSession OpenSession()
    {
        var now = Now;
        state.State.Sessions.RemoveAll(f => f.TokenExpiresAt <= now);
        while (state.State.Sessions.Count >= Math.Max(1, _options.MaxSessions))
        {
            state.State.Sessions.RemoveAt(0);
        }

        var token = AccountTokens.NewSecret();
        var familyEnds = now + _options.SessionLifetime;
        var family = new RefreshFamily
        {
            Id = Ids.New("rtf"),
            SecretHash = AccountTokens.Hash(token),
            StartedAt = now,
            TokenExpiresAt = Min(now + _options.RefreshTokenLifetime, familyEnds),
            FamilyExpiresAt = familyEnds,
        };
        state.State.Sessions.Add(family);
        return Session(family, token);
    }

    private UserSession Session(RefreshFamily family, string secret) => new()
    {
        User = Profile(),
        RefreshToken = AccountTokens.Join(UserId, family.Id, secret),
        RefreshExpiresAt = family.TokenExpiresAt,
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of user {UserId} was presented again: session {FamilyId} revoked")]
    private partial void LogRefreshReuse(string userId, string familyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} is locked out after {Failures} failed sign-ins for {Delay}")]
    private partial void LogLockedOut(string userId, int failures, TimeSpan delay);
}
