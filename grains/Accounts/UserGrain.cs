using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Accounts;

/// <summary>The single owner of one user's credentials, sessions and profile.</summary>
public sealed partial class UserGrain(
    [PersistentState("user", "chat")] IPersistentState<UserState> state,
    PasswordHasher hasher,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    public const int MaxWorkspaces = 100;
    public const int MaxNameLength = UserProfile.MaxNameLength;
    public const int MaxExternalLogins = 10;

    private readonly AccountOptions _options = options.Value;
    /// <summary>True while a registration is under way, so the email index does not give the address to someone else meanwhile.</summary>
    private bool _registering;

    private string UserId => this.GetPrimaryKeyString();

    private bool Exists => state.State.PasswordHash is not null;

    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<RegistrationResult> RegisterAsync(Registration registration)
    {
        if (Exists)
        {
            throw new ConflictException($"User '{UserId}' already exists.");
        }

        var name = ValidateRegistration(registration);
        return await CreateAccountAsync(registration.Email.Trim(), name, registration.Password, emailVerified: false, login: null, registration.AdoptWorkspaceId);
    }

    public async Task<RegistrationResult> RegisterExternalAsync(ExternalRegistration registration)
    {
        if (Exists)
        {
            throw new ConflictException($"User '{UserId}' already exists.");
        }

        if (!EmailAddresses.IsValid(registration.Email))
        {
            throw new ValidationFailedException("email", "The sign-in provider gave no valid email address.");
        }

        var email = registration.Email.Trim();
        var name = ValidateName(string.IsNullOrWhiteSpace(registration.Name) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : registration.Name);
        // A password nobody knows: the account signs in through its provider until its owner sets one with a reset.
        return await CreateAccountAsync(email, name, AccountTokens.NewSecret(), registration.EmailVerified, registration.Login, registration.AdoptWorkspaceId);
    }

    /// <summary>Claims the address (and the provider login), makes or adopts a workspace, stores the user, opens a session.</summary>
    private async Task<RegistrationResult> CreateAccountAsync(
        string email, string name, string password, bool emailVerified, ExternalLogin? login, string? adoptWorkspaceId)
    {
        _registering = true;
        try
        {
            // The cheap check before the expensive hash (64 MiB, about a second): a taken address costs no hashing.
            // Claiming after hashing still settles a race between two sign-ups for one address.
            var index = GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddresses.Normalize(email));
            if (await index.GetUserIdAsync() is { } owner && owner != UserId && await GrainFactory.GetGrain<IUserGrain>(owner).ExistsAsync())
            {
                throw new ConflictException("An account with this email address exists.");
            }

            var hash = await hasher.HashAsync(password);
            if (!await index.ClaimAsync(UserId))
            {
                throw new ConflictException("An account with this email address exists.");
            }

            if (login is not null && !await GrainFactory.GetGrain<IExternalLoginIndexGrain>(login.IndexKey).ClaimAsync(UserId))
            {
                throw new ConflictException("This sign-in is linked to another account.");
            }

            var workspaceId = await CreateWorkspaceAsync(name, adoptWorkspaceId);
            state.State = new UserState
            {
                Email = email,
                Name = name,
                PasswordHash = hash,
                EmailVerified = emailVerified,
                CreatedAt = Now,
                WorkspaceIds = [workspaceId],
                ExternalLogins = login is null ? [] : [login],
            };
            var verification = emailVerified ? "" : NewVerificationToken();
            var session = OpenSession();
            await state.WriteStateAsync();
            LogRegistered(UserId, workspaceId);
            return new RegistrationResult { Session = session, VerificationToken = verification };
        }
        finally
        {
            _registering = false;
        }
    }

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

    public Task<bool> ExistsAsync() => Task.FromResult(Exists || _registering);

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(Exists ? Profile() : null);

    public async Task<UserProfile> UpdateProfileAsync(string name)
    {
        EnsureExists();
        state.State.Name = ValidateName(name);
        await state.WriteStateAsync();
        return Profile();
    }

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

    public async Task AddWorkspaceAsync(string workspaceId)
    {
        EnsureExists();
        if (state.State.WorkspaceIds.Contains(workspaceId))
        {
            return;
        }

        if (state.State.WorkspaceIds.Count >= MaxWorkspaces)
        {
            throw new ConflictException($"A user belongs to at most {MaxWorkspaces} workspaces.");
        }

        state.State.WorkspaceIds.Add(workspaceId);
        await state.WriteStateAsync();
    }

    public async Task RemoveWorkspaceAsync(string workspaceId)
    {
        if (state.State.WorkspaceIds.Remove(workspaceId))
        {
            await state.WriteStateAsync();
        }
    }

    private async Task<string> CreateWorkspaceAsync(string userName, string? adoptWorkspaceId)
    {
        if (adoptWorkspaceId is not null && await GrainFactory.GetGrain<IWorkspaceGrain>(adoptWorkspaceId).AdoptAsync("ChatSphere demo", UserId) is { } adopted)
        {
            return adopted.Id;
        }

        var workspaceId = Ids.New("ws");
        var workspaceName = $"{userName}'s workspace";
        await GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).CreateAsync(
            workspaceName.Length > MaxNameLength ? workspaceName[..MaxNameLength] : workspaceName, UserId);
        return workspaceId;
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

    private string NewVerificationToken()
    {
        var secret = AccountTokens.NewSecret();
        state.State.EmailVerification = new OneTimeToken(AccountTokens.Hash(secret), Now + _options.EmailVerificationLifetime);
        return AccountTokens.Join(UserId, secret);
    }

    private UserProfile Profile() => new()
    {
        Id = UserId,
        Email = state.State.Email!,
        Name = state.State.Name,
        EmailVerified = state.State.EmailVerified,
        CreatedAt = state.State.CreatedAt,
        WorkspaceIds = state.State.WorkspaceIds.ToArray(),
    };

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new NotFoundException("User", UserId);
        }
    }

    private static string ValidateRegistration(Registration registration)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.IsValid(registration.Email))
        {
            errors["email"] = ["Must be a valid email address of at most 254 characters."];
        }

        try
        {
            PasswordHasher.Validate(registration.Password);
        }
        catch (ValidationFailedException invalid)
        {
            errors["password"] = invalid.Errors["password"];
        }

        var name = registration.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [$"Is required, at most {MaxNameLength} characters."];
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : name;
    }

    private static string ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is 0 or > MaxNameLength
            ? throw new ValidationFailedException("name", $"Is required, at most {MaxNameLength} characters.")
            : trimmed;
    }

    private static ValidationFailedException InvalidToken() => new("token", "The token is not valid, was used already or has expired.");

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered user {UserId} with workspace {WorkspaceId}")]
    private partial void LogRegistered(string userId, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of user {UserId} was presented again: session {FamilyId} revoked")]
    private partial void LogRefreshReuse(string userId, string familyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} is locked out after {Failures} failed sign-ins for {Delay}")]
    private partial void LogLockedOut(string userId, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} changed their password; every session ended")]
    private partial void LogPasswordChanged(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A provider verified the unverified address of user {UserId}: its password, sessions and earlier sign-ins were removed")]
    private partial void LogUnverifiedAccountClaimed(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reset their password; every session ended")]
    private partial void LogPasswordReset(string userId);
}
