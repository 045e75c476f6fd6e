using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>Members of a workspace: list, change role, remove.</summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces/{workspaceId}/members").WithTags("Workspaces");
        api.MapGet("/", ListAsync).WithName("ListMembers").WithSummary("Members and their roles, the owner first").RequireWorkspaceAccess(Permission.Read);
        api.MapPatch("/{userId}", ChangeRoleAsync).WithName("ChangeMemberRole")
            .WithSummary("Change a member's role (admin, editor, viewer); only the owner grants or takes admin")
            .RequireWorkspaceAccess(Permission.ManageMembers).ProducesValidationProblem();
        api.MapDelete("/{userId}", RemoveAsync).WithName("RemoveMember")
            .WithSummary("Remove a member (never the owner; admins only by the owner)").RequireWorkspaceAccess(Permission.ManageMembers);
        return app;
    }

    public static async Task<Ok<Page<MemberResponse>>> ListAsync(HttpContext http, IGrainFactory grains, int? limit, string? cursor)
    {
        var page = await grains.GetGrain<IWorkspaceGrain>(http.GetWorkspaceAccess().WorkspaceId).ListMembersAsync(cursor, Paging.Limit(limit));
        var profiles = await Task.WhenAll(page.Items.Select(m => grains.GetGrain<IUserGrain>(m.UserId).GetProfileAsync()));
        var items = page.Items.Zip(profiles, (m, p) => new MemberResponse(m.UserId, p?.Email, p?.Name, m.Role, m.JoinedAt)).ToArray();
        return TypedResults.Ok(new Page<MemberResponse>(items, page.NextCursor));
    }

    public static async Task<Ok<MemberResponse>> ChangeRoleAsync(HttpContext http, string userId, ChangeRoleRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        var role = request.Role ?? throw new ValidationFailedException("role", "Is required: admin, editor or viewer.");
        var workspace = grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId);
        var before = await workspace.GetRoleAsync(userId);
        var member = await workspace.ChangeRoleAsync(access.Caller.UserId!, userId, role);
        await audit.RecordAsync(http, access.WorkspaceId, "member.role_changed", "user", member.UserId,
            AuditChanges.Of("role", before?.ToString().ToLowerInvariant(), member.Role.ToString().ToLowerInvariant()));
        var profile = await grains.GetGrain<IUserGrain>(member.UserId).GetProfileAsync();
        return TypedResults.Ok(new MemberResponse(member.UserId, profile?.Email, profile?.Name, member.Role, member.JoinedAt));
    }

    public static async Task<Results<NoContent, NotFound>> RemoveAsync(HttpContext http, string userId, IGrainFactory grains, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        if (!await grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId).RemoveMemberAsync(access.Caller.UserId!, userId))
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(http, access.WorkspaceId, "member.removed", "user", userId);
        return TypedResults.NoContent();
    }
}
