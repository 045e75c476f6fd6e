using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.RateLimiting;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>Sign-up, sign-in, token refresh, sign-out, password reset and email verification. All anonymous.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        api.MapPost("/register", RegisterAsync).WithName("Register")
            .WithSummary("Create an account and its workspace; signs in")
            .WithDescription("Sign-ups are limited per client address and per email address (429 with Retry-After); a taken address answers 409 after the time a new account would take; 503 while too many passwords are being hashed.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/login", LoginAsync).WithName("Login")
            .WithSummary("Sign in with email and password").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/refresh", RefreshAsync).WithName("RefreshToken")
            .WithSummary("Spend a refresh token for a new access and refresh token; a spent token presented again ends the session")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("End the session the refresh token belongs to");
        api.MapPost("/password-reset", RequestPasswordResetAsync).WithName("RequestPasswordReset")
            .WithSummary("Email a single-use password reset link (always 202: whether the address has an account is not told)");
        api.MapPost("/password-reset/confirm", ResetPasswordAsync).WithName("ResetPassword")
            .WithSummary("Set a new password with a reset token; ends every session").ProducesValidationProblem();
        api.MapPost("/verify-email", VerifyEmailAsync).WithName("VerifyEmail")
            .WithSummary("Confirm the email address with the single-use token from the verification email").ProducesValidationProblem();
        return app;
    }

    /// <summary>
    /// The cheap steps first, the 64 MiB password hash last: the fields, then the sign-up limits (per client address and
    /// per email address), then whether the address is taken. A taken address answers 409 only after the time a hash
    /// takes, so the answer's timing tells no more than its status, and the limits keep either from being asked at scale.
    /// </summary>
    public static async Task<Created<AuthResponse>> RegisterAsync(
        RegisterRequest request, IGrainFactory grains, AccessTokens tokens, AccountEmails emails, DemoWorkspace demo, AuditTrail audit,
        RateLimitChecks limits, PasswordHasher hasher, HttpRequest http)
    {
        ValidateRegistration(request);
        var email = EmailAddresses.Normalize(request.Email!);
        await limits.CheckRegistrationAsync(http.HttpContext.Connection.RemoteIpAddress, email);
        if (await grains.GetGrain<IEmailIndexGrain>(email).GetUserIdAsync() is { } holder && await grains.GetGrain<IUserGrain>(holder).ExistsAsync())
        {
            await hasher.WaitAsLongAsAHashAsync(http.HttpContext.RequestAborted);
            throw new ConflictException("An account with this email address exists.");
        }

        var result = await grains.GetGrain<IUserGrain>(Ids.New("usr")).RegisterAsync(new Registration
        {
            Email = request.Email ?? "",
            Name = request.Name ?? "",
            Password = request.Password ?? "",
            AdoptWorkspaceId = demo.Adoptable ? DemoWorkspace.Id : null,
        });
        await emails.SendVerificationAsync(result.Session.User.Email, result.VerificationToken, http.HttpContext.RequestAborted);
        await audit.RecordForUserAsync(http.HttpContext, result.Session.User, "auth.registered");
        return TypedResults.Created("/api/v1/me", DashboardSessionCookie.Deliver(http.HttpContext, await AuthResponses.SessionAsync(grains, tokens, result.Session)));
    }

    public static async Task<Ok<AuthResponse>> LoginAsync(
        LoginRequest request, IGrainFactory grains, AccessTokens tokens, PasswordHasher hasher, AuditTrail audit, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > EmailAddresses.MaxLength)
        {
            errors["email"] = ["Is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Is required."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var userId = await grains.GetGrain<IEmailIndexGrain>(EmailAddresses.Normalize(request.Email!)).GetUserIdAsync();
        if (userId is null)
        {
            await hasher.VerifyDecoyAsync(request.Password!);
            throw new InvalidCredentialsException();
        }

        var user = grains.GetGrain<IUserGrain>(userId);
        UserSession session;
        try
        {
            session = await user.LoginAsync(request.Password!);
        }
        catch (Exception refused) when (refused is InvalidCredentialsException or AccountLockedException)
        {
            if (await user.GetProfileAsync() is { } profile)
            {
                await audit.RecordForUserAsync(http, profile, refused is AccountLockedException ? "auth.login_locked_out" : "auth.login_failed");
            }

            throw;
        }

        await audit.RecordForUserAsync(http, session.User, "auth.login");
        return TypedResults.Ok(DashboardSessionCookie.Deliver(http, await AuthResponses.SessionAsync(grains, tokens, session)));
    }

    public static async Task<Ok<AuthResponse>> RefreshAsync(RefreshRequest request, IGrainFactory grains, AccessTokens tokens, HttpContext http)
    {
        var parts = AccountTokens.Split(DashboardSessionCookie.RefreshToken(http.Request, request.RefreshToken), 3) ?? throw new InvalidCredentialsException();
        var session = await grains.GetGrain<IUserGrain>(parts[0]).RefreshAsync(parts[1], parts[2]);
        return TypedResults.Ok(DashboardSessionCookie.Deliver(http, await AuthResponses.SessionAsync(grains, tokens, session)));
    }

    public static async Task<NoContent> LogoutAsync(RefreshRequest request, IGrainFactory grains, AuditTrail audit, HttpContext http)
    {
        DashboardSessionCookie.Clear(http);
        if (AccountTokens.Split(DashboardSessionCookie.RefreshToken(http.Request, request.RefreshToken), 3) is { } parts && Ids.IsWellFormed(parts[0]))
        {
            var user = grains.GetGrain<IUserGrain>(parts[0]);
            await user.LogoutAsync(parts[1], parts[2]);
            if (await user.GetProfileAsync() is { } profile)
            {
                await audit.RecordForUserAsync(http, profile, "auth.logout");
            }
        }

        return TypedResults.NoContent();
    }

    public static async Task<Accepted> RequestPasswordResetAsync(
        PasswordResetRequest request, IGrainFactory grains, AccountEmails emails, AuditTrail audit, HttpRequest http)
    {
        if (!EmailAddresses.IsValid(request.Email))
        {
            throw new ValidationFailedException("email", "Must be a valid email address.");
        }

        var userId = await grains.GetGrain<IEmailIndexGrain>(EmailAddresses.Normalize(request.Email!)).GetUserIdAsync();
        if (userId is not null && await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() is { } user)
        {
            var token = await grains.GetGrain<IUserGrain>(userId).IssuePasswordResetAsync();
            await emails.SendPasswordResetAsync(user.Email, token, http.HttpContext.RequestAborted);
            await audit.RecordForUserAsync(http.HttpContext, user, "auth.password_reset_requested");
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<NoContent> ResetPasswordAsync(PasswordResetConfirmRequest request, IGrainFactory grains, AuditTrail audit, HttpContext http)
    {
        var parts = AccountTokens.Split(request.Token, 2) ?? throw InvalidToken();
        PasswordHasher.Validate(request.NewPassword, "newPassword");
        var user = grains.GetGrain<IUserGrain>(parts[0]);
        await user.ResetPasswordAsync(parts[1], request.NewPassword!);
        if (await user.GetProfileAsync() is { } profile)
        {
            await audit.RecordForUserAsync(http, profile, "auth.password_reset");
        }

        return TypedResults.NoContent();
    }

    public static async Task<NoContent> VerifyEmailAsync(TokenRequest request, IGrainFactory grains, AuditTrail audit, HttpContext http)
    {
        var parts = AccountTokens.Split(request.Token, 2) ?? throw InvalidToken();
        var user = grains.GetGrain<IUserGrain>(parts[0]);
        await user.VerifyEmailAsync(parts[1]);
        if (await user.GetProfileAsync() is { } profile)
        {
            await audit.RecordForUserAsync(http, profile, "auth.email_verified");
        }

        return TypedResults.NoContent();
    }

    /// <summary>The same field checks the user grain makes, before anything costs: 400 naming every field at fault.</summary>
    private static void ValidateRegistration(RegisterRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.IsValid(request.Email))
        {
            errors["email"] = ["Must be a valid email address of at most 254 characters."];
        }

        try
        {
            PasswordHasher.Validate(request.Password);
        }
        catch (ValidationFailedException invalid)
        {
            errors["password"] = invalid.Errors["password"];
        }

        if ((request.Name?.Trim() ?? "").Length is 0 or > UserProfile.MaxNameLength)
        {
            errors["name"] = [$"Is required, at most {UserProfile.MaxNameLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static ValidationFailedException InvalidToken() => new("token", "The token is not valid, was used already or has expired.");
}
