namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>
/// One user, keyed by user id: the single owner of their credentials (Argon2id password hash, refresh token
/// families, reset and verification tokens, failed sign-in count) and profile. Tokens arrive here raw and are
/// compared by hash.
/// </summary>
[Alias("ChatSphere.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user with a workspace of their own (or the adopted one) and opens a session.
    /// Throws <see cref="Errors.ConflictException"/> if the email is taken, <see cref="Errors.ValidationFailedException"/> on bad input.</summary>
    [Alias("Register")]
    Task<RegistrationResult> RegisterAsync(Registration registration);

    [Alias("Exists"), AlwaysInterleave]
    Task<bool> ExistsAsync();

    /// <summary>The profile, or null if the user does not exist.</summary>
    [Alias("GetProfile"), AlwaysInterleave]
    Task<UserProfile?> GetProfileAsync();

    [Alias("UpdateProfile")]
    Task<UserProfile> UpdateProfileAsync(string name);

    /// <summary>Checks the password and opens a session. Throws <see cref="InvalidCredentialsException"/> or <see cref="AccountLockedException"/>.</summary>
    [Alias("Login")]
    Task<UserSession> LoginAsync(string password);

    /// <summary>Spends a refresh token for a new one of the same family. A spent token presented again revokes the family.</summary>
    [Alias("Refresh")]
    Task<UserSession> RefreshAsync(string familyId, string secret);

    /// <summary>Ends the session (refresh token family) the token belongs to.</summary>
    [Alias("Logout")]
    Task LogoutAsync(string familyId, string secret);

    /// <summary>Changes the password after checking the current one; ends every session and opens a new one.</summary>
    [Alias("ChangePassword")]
    Task<UserSession> ChangePasswordAsync(string currentPassword, string newPassword);

    /// <summary>Issues a single-use password reset token (replacing any earlier one).</summary>
    [Alias("IssuePasswordReset")]
    Task<string> IssuePasswordResetAsync();

    /// <summary>Sets a new password with a reset token; ends every session and clears the lockout.</summary>
    [Alias("ResetPassword")]
    Task ResetPasswordAsync(string secret, string newPassword);

    /// <summary>Issues a single-use email verification token, or null if the address is already verified.</summary>
    [Alias("IssueEmailVerification")]
    Task<string?> IssueEmailVerificationAsync();

    [Alias("VerifyEmail")]
    Task VerifyEmailAsync(string secret);

    /// <summary>Creates the user from a provider sign-in (no password of their own until they set one through a reset),
    /// with the login linked, a workspace, and a session. Throws <see cref="Errors.ConflictException"/> if the email or the
    /// login is taken.</summary>
    [Alias("RegisterExternal")]
    Task<RegistrationResult> RegisterExternalAsync(ExternalRegistration registration);

    /// <summary>Opens a session for a provider login linked to this user. Throws <see cref="InvalidCredentialsException"/> otherwise.</summary>
    [Alias("ExternalSignIn")]
    Task<UserSession> ExternalSignInAsync(ExternalLogin login);

    /// <summary>Links a provider login to this user because the provider verified the user's own email address, and
    /// opens a session. Throws <see cref="Errors.ForbiddenException"/> for another address.</summary>
    [Alias("LinkExternal")]
    Task<UserSession> LinkExternalAsync(ExternalLogin login, string verifiedEmail);

    /// <summary>Called by a workspace when the user joins it.</summary>
    [Alias("AddWorkspace")]
    Task AddWorkspaceAsync(string workspaceId);

    /// <summary>Called by a workspace when the user leaves or is removed.</summary>
    [Alias("RemoveWorkspace")]
    Task RemoveWorkspaceAsync(string workspaceId);

    /// <summary>
    /// Deletes the account: its workspaces where it is the only member go with it (everything in them), it leaves the
    /// others, and its credentials, sessions, tokens, provider logins and email index entry are deleted. Throws
    /// <see cref="Errors.ConflictException"/> naming the workspaces it owns that have other members (transfer or
    /// delete them first). Returns what happened, for the audit log.
    /// </summary>
    [Alias("DeleteAccount")]
    Task<AccountDeletion> DeleteAccountAsync();
}

/// <summary>What deleting an account did: the workspaces deleted with it and those it left.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AccountDeletion")]
public sealed record AccountDeletion
{
    [Id(0)] public IReadOnlyList<string> DeletedWorkspaceIds { get; init; } = [];
    [Id(1)] public IReadOnlyList<string> LeftWorkspaceIds { get; init; } = [];
}
