using System.Security.Claims;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>Invitations: sent by email with a single-use token, accepted by the invited address's account.</summary>
public static class InvitationsApi
{
    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces/{workspaceId}/invitations").WithTags("Workspaces").RequireWorkspaceAccess(Permission.ManageMembers);
        api.MapGet("/", ListAsync).WithName("ListInvitations").WithSummary("Pending invitations");
        api.MapPost("/", InviteAsync).WithName("Invite").WithSummary("Invite an email address with a role; the link is emailed").ProducesValidationProblem();
        api.MapDelete("/{invitationId}", RevokeAsync).WithName("RevokeInvitation").WithSummary("Withdraw a pending invitation");
        app.MapPost("/api/v1/invitations/accept", AcceptAsync).WithTags("Workspaces").WithName("AcceptInvitation")
            .WithSummary("Join a workspace with an invitation token (the signed-in user's email must be the invited one)")
            .RequireUser().ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<Page<Invitation>>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var pending = await grains.GetGrain<IWorkspaceGrain>(http.GetWorkspaceAccess().WorkspaceId).ListInvitationsAsync();
        return TypedResults.Ok(new Page<Invitation>(pending, null));
    }

    public static async Task<Created<Invitation>> InviteAsync(HttpContext http, InviteRequest request, IGrainFactory grains, AccountEmails emails, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        var role = request.Role ?? throw new ValidationFailedException("role", "Is required: admin, editor or viewer.");
        var workspace = grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId);
        var issued = await workspace.InviteAsync(access.Caller.UserId!, request.Email ?? "", role);
        var info = await workspace.GetAsync();
        await emails.SendInvitationAsync(issued.Invitation.Email, info?.Name ?? access.WorkspaceId, role.ToString().ToLowerInvariant(), issued.Token, http.RequestAborted);
        await audit.RecordAsync(http, access.WorkspaceId, "invitation.created", "invitation", issued.Invitation.Id,
            AuditChanges.Between(null, new { issued.Invitation.Email, role = role.ToString().ToLowerInvariant() }));
        return TypedResults.Created($"/api/v1/workspaces/{access.WorkspaceId}/invitations/{issued.Invitation.Id}", issued.Invitation);
    }

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(HttpContext http, string invitationId, IGrainFactory grains, AuditTrail audit)
    {
        var workspaceId = http.GetWorkspaceAccess().WorkspaceId;
        if (!await grains.GetGrain<IWorkspaceGrain>(workspaceId).RevokeInvitationAsync(invitationId))
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(http, workspaceId, "invitation.revoked", "invitation", invitationId);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<WorkspaceResponse>> AcceptAsync(HttpContext http, TokenRequest request, ClaimsPrincipal principal, IGrainFactory grains, AuditTrail audit)
    {
        var caller = Caller.From(principal) ?? throw new UnauthenticatedException();
        var parts = AccountTokens.Split(request.Token, 3) ?? throw new ValidationFailedException("token", "The invitation is not valid, was used already or has expired.");
        var user = await grains.GetGrain<IUserGrain>(caller.UserId!).GetProfileAsync() ?? throw new UnauthenticatedException();
        var workspace = grains.GetGrain<IWorkspaceGrain>(parts[0]);
        var member = await workspace.AcceptInvitationAsync(parts[1], parts[2], user.Id, user.Email);
        var info = await workspace.GetAsync() ?? throw new NotFoundException("Workspace", parts[0]);
        await audit.RecordAsync(http, parts[0], "member.joined", "user", user.Id,
            AuditChanges.Of("role", null, member.Role.ToString().ToLowerInvariant()));
        return TypedResults.Ok(WorkspaceResponse.From(info, member.Role));
    }
}
