using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Accounts;

/// <summary>The single owner of one user's credentials, sessions and profile (one partial file per area).</summary>
public sealed partial class UserGrain(
    [PersistentState("user", GrainStorage.Name)] IPersistentState<UserState> state,
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

    public Task<bool> ExistsAsync() => Task.FromResult(Exists || _registering);

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(Exists ? Profile() : null);

    public async Task<UserProfile> UpdateProfileAsync(string name)
    {
        EnsureExists();
        state.State.Name = ValidateName(name);
        await state.WriteStateAsync();
        return Profile();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered user {UserId} with workspace {WorkspaceId}")]
    private partial void LogRegistered(string userId, string workspaceId);
}
