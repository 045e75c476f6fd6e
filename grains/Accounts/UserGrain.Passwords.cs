using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Accounts;

/// <summary>Changing and resetting the password, and verifying the email address, with one-time tokens.</summary>
public sealed partial class UserGrain
{
    public async Task<UserSession> ChangePasswordAsync(string currentPassword, string newPassword)
    {
        EnsureExists();
        PasswordHasher.Validate(newPassword, "newPassword");
        await CheckPasswordAsync(currentPassword, "currentPassword");
        state.State.PasswordHash = await hasher.HashAsync(newPassword);
        state.State.Sessions.Clear();
        state.State.PasswordReset = null;
        var session = OpenSession();
        await state.WriteStateAsync();
        LogPasswordChanged(UserId);
        return session;
    }

    public async Task<string> IssuePasswordResetAsync()
    {
        EnsureExists();
        var secret = AccountTokens.NewSecret();
        state.State.PasswordReset = new OneTimeToken(AccountTokens.Hash(secret), Now + _options.PasswordResetLifetime);
        await state.WriteStateAsync();
        return AccountTokens.Join(UserId, secret);
    }

    public async Task ResetPasswordAsync(string secret, string newPassword)
    {
        if (state.State.PasswordReset is not { } reset || !reset.Accepts(secret, Now))
        {
            throw InvalidToken();
        }

        PasswordHasher.Validate(newPassword, "newPassword");
        state.State.PasswordHash = await hasher.HashAsync(newPassword);
        state.State.PasswordReset = null;
        state.State.Sessions.Clear();
        state.State.FailedLogins = 0;
        state.State.LockedUntil = null;
        // The reset link reached the owner of the address, which proves it as well as a verification link would.
        state.State.EmailVerified = true;
        state.State.EmailVerification = null;
        await state.WriteStateAsync();
        LogPasswordReset(UserId);
    }

    public async Task<string?> IssueEmailVerificationAsync()
    {
        EnsureExists();
        if (state.State.EmailVerified)
        {
            return null;
        }

        var token = NewVerificationToken();
        await state.WriteStateAsync();
        return token;
    }

    public async Task VerifyEmailAsync(string secret)
    {
        if (state.State.EmailVerification is not { } verification || !verification.Accepts(secret, Now))
        {
            throw InvalidToken();
        }

        state.State.EmailVerified = true;
        state.State.EmailVerification = null;
        await state.WriteStateAsync();
    }

    private string NewVerificationToken()
    {
        var secret = AccountTokens.NewSecret();
        state.State.EmailVerification = new OneTimeToken(AccountTokens.Hash(secret), Now + _options.EmailVerificationLifetime);
        return AccountTokens.Join(UserId, secret);
    }

    private static ValidationFailedException InvalidToken() => new("token", "The token is not valid, was used already or has expired.");

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} changed their password; every session ended")]
    private partial void LogPasswordChanged(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reset their password; every session ended")]
    private partial void LogPasswordReset(string userId);
}
