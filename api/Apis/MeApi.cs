using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace ChatSphere.Api.Apis;

/// <summary>The signed-in user: profile, password and email verification. People only (API keys get 403).</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/me").WithTags("Auth").RequireUser();
        api.MapGet("/", GetAsync).WithName("GetMe").WithSummary("The signed-in user and their workspaces");
        api.MapPatch("/", UpdateAsync).WithName("UpdateMe").WithSummary("Change the profile (name)").ProducesValidationProblem();
        api.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword")
            .WithSummary("Change the password; every other session ends and a new one is returned").ProducesValidationProblem();
        api.MapPost("/email-verification", SendVerificationAsync).WithName("SendEmailVerification")
            .WithSummary("Email a new verification link (nothing is sent if the address is verified)");
        return app;
    }

    public static async Task<Ok<MeResponse>> GetAsync(ClaimsPrincipal principal, IGrainFactory grains)
    {
        var user = await ProfileAsync(principal, grains);
        return TypedResults.Ok(await MeAsync(grains, user));
    }

    public static async Task<Ok<MeResponse>> UpdateAsync(RenameRequest request, ClaimsPrincipal principal, IGrainFactory grains, AuditTrail audit, HttpContext http)
    {
        var before = await ProfileAsync(principal, grains);
        var user = await UserGrain(principal, grains).UpdateProfileAsync(request.Name ?? "");
        await audit.RecordForUserAsync(http, user, "user.profile_updated", Grains.Audit.AuditChanges.Of("name", before.Name, user.Name));
        return TypedResults.Ok(await MeAsync(grains, user));
    }

    public static async Task<Ok<AuthResponse>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, IGrainFactory grains, AccessTokens tokens, AuditTrail audit, HttpContext http)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            throw new ValidationFailedException("currentPassword", "Is required.");
        }

        var session = await UserGrain(principal, grains).ChangePasswordAsync(request.CurrentPassword, request.NewPassword ?? "");
        await audit.RecordForUserAsync(http, session.User, "auth.password_changed");
        return TypedResults.Ok(await AuthResponses.SessionAsync(grains, tokens, session));
    }

    public static async Task<Accepted> SendVerificationAsync(ClaimsPrincipal principal, IGrainFactory grains, AccountEmails emails, HttpRequest http)
    {
        var user = await ProfileAsync(principal, grains);
        if (await UserGrain(principal, grains).IssueEmailVerificationAsync() is { } token)
        {
            await emails.SendVerificationAsync(user.Email, token, http.HttpContext.RequestAborted);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<MeResponse> MeAsync(IGrainFactory grains, UserProfile user) => new(
        user.Id, user.Email, user.Name, user.EmailVerified, user.CreatedAt, await AuthResponses.WorkspacesAsync(grains, user));

    private static IUserGrain UserGrain(ClaimsPrincipal principal, IGrainFactory grains) =>
        grains.GetGrain<IUserGrain>(Caller.From(principal)?.UserId ?? throw new UnauthenticatedException());

    /// <summary>A valid token of a user that no longer exists authenticates nobody.</summary>
    private static async Task<UserProfile> ProfileAsync(ClaimsPrincipal principal, IGrainFactory grains) =>
        await UserGrain(principal, grains).GetProfileAsync() ?? throw new UnauthenticatedException();
}
