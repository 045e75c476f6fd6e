using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace ChatSphere.Api.Apis;

/// <summary>The signed-in user: profile, password, email verification, deleting the account. People only (API keys get 403).</summary>
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
        api.MapDelete("/", DeleteAsync).WithName("DeleteMe").WithSummary("Delete the account")
            .WithDescription("Deletes the signed-in user's account: the workspaces where they are the only member are deleted with "
                + "everything in them, the others are left, and their password, sessions (refresh tokens), reset and verification "
                + "tokens, provider sign-ins and email address go. API keys they created belong to their workspaces and stay. "
                + "409 names the workspaces they own that have other members: transfer ownership or delete those first.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);
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
        await audit.RecordForUserAsync(http, user, "user.profile_updated", AuditChanges.Of("name", before.Name, user.Name));
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

    public static async Task<NoContent> DeleteAsync(ClaimsPrincipal principal, IGrainFactory grains, AuditTrail audit, HttpContext http)
    {
        var user = await ProfileAsync(principal, grains);
        var deletion = await UserGrain(principal, grains).DeleteAccountAsync();
        // The workspaces they left see that a member went; the record names the user id only, not the address.
        foreach (var workspaceId in deletion.LeftWorkspaceIds)
        {
            await audit.RecordAsync(workspaceId, new GrainInterfaces.Audit.AuditRecord
            {
                Action = "member.account_deleted",
                ActorType = GrainInterfaces.Audit.AuditActorType.User,
                ActorId = user.Id,
                TargetType = "user",
                TargetId = user.Id,
                IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            });
        }

        foreach (var workspaceId in deletion.DeletedWorkspaceIds)
        {
            await audit.RecordAsync(workspaceId, new GrainInterfaces.Audit.AuditRecord
            {
                Action = "workspace.deleted",
                ActorType = GrainInterfaces.Audit.AuditActorType.User,
                ActorId = user.Id,
                TargetType = "workspace",
                TargetId = workspaceId,
                IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            });
        }

        return TypedResults.NoContent();
    }

    private static async Task<MeResponse> MeAsync(IGrainFactory grains, UserProfile user) => new(
        user.Id, user.Email, user.Name, user.EmailVerified, user.CreatedAt, await AuthResponses.WorkspacesAsync(grains, user));

    private static IUserGrain UserGrain(ClaimsPrincipal principal, IGrainFactory grains) =>
        grains.GetGrain<IUserGrain>(Caller.From(principal)?.UserId ?? throw new UnauthenticatedException());

    /// <summary>A valid token of a user that no longer exists authenticates nobody.</summary>
    private static async Task<UserProfile> ProfileAsync(ClaimsPrincipal principal, IGrainFactory grains) =>
        await UserGrain(principal, grains).GetProfileAsync() ?? throw new UnauthenticatedException();
}
