using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Accounts;

/// <summary>Signing in with an identity provider, and linking a provider login to this account.</summary>
public sealed partial class UserGrain
{
    public async Task<UserSession> ExternalSignInAsync(ExternalLogin login)
    {
        if (!Exists || !state.State.ExternalLogins.Contains(login))
        {
            throw new InvalidCredentialsException();
        }

        var session = OpenSession();
        await state.WriteStateAsync();
        return session;
    }

    public async Task<UserSession> LinkExternalAsync(ExternalLogin login, string verifiedEmail)
    {
        EnsureExists();
        if (EmailAddresses.Normalize(verifiedEmail) != EmailAddresses.Normalize(state.State.Email!))
        {
            throw new ForbiddenException("The sign-in provider vouched for another email address.");
        }

        if (!state.State.EmailVerified)
        {
            // Nobody had proved the address until this provider did, so whoever set the account up may not own it:
            // everything they could sign in with goes (password, sessions, a pending reset, sign-ins linked unproved).
            state.State.PasswordHash = await hasher.HashAsync(AccountTokens.NewSecret());
            state.State.Sessions.Clear();
            state.State.PasswordReset = null;
            state.State.ExternalLogins.Clear();
            state.State.FailedLogins = 0;
            state.State.LockedUntil = null;
            LogUnverifiedAccountClaimed(UserId);
        }

        if (!state.State.ExternalLogins.Contains(login))
        {
            if (state.State.ExternalLogins.Count >= MaxExternalLogins)
            {
                throw new ConflictException($"An account links at most {MaxExternalLogins} provider sign-ins.");
            }

            if (!await GrainFactory.GetGrain<IExternalLoginIndexGrain>(login.IndexKey).ClaimAsync(UserId))
            {
                throw new ConflictException("This sign-in is linked to another account.");
            }

            state.State.ExternalLogins.Add(login);
        }

        // The provider proved the address, as a verification link would.
        state.State.EmailVerified = true;
        state.State.EmailVerification = null;
        var session = OpenSession();
        await state.WriteStateAsync();
        return session;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A provider verified the unverified address of user {UserId}: its password, sessions and earlier sign-ins were removed")]
    private partial void LogUnverifiedAccountClaimed(string userId);
}
