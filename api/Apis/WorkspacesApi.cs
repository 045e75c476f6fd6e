using System.Security.Claims;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>Workspaces: list, read, rename, leave, transfer ownership.</summary>
public static class WorkspacesApi
{
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces");
        api.MapGet("/", ListAsync).WithName("ListWorkspaces").WithSummary("The caller's workspaces (an API key: its own)").RequireAuthorization();
        api.MapGet("/{workspaceId}", GetAsync).WithName("GetWorkspace").WithSummary("Get a workspace").RequireWorkspaceAccess(Permission.Read);
        api.MapPatch("/{workspaceId}", RenameAsync).WithName("UpdateWorkspace").WithSummary("Rename a workspace")
            .RequireWorkspaceAccess(Permission.ManageWorkspace).ProducesValidationProblem();
        api.MapPost("/{workspaceId}/leave", LeaveAsync).WithName("LeaveWorkspace").WithSummary("Leave a workspace (the owner transfers ownership first)")
            .RequireUser().RequireWorkspaceAccess(Permission.Read).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{workspaceId}/transfer", TransferAsync).WithName("TransferOwnership")
            .WithSummary("Make another member the owner; the previous owner becomes an admin").RequireUser().RequireWorkspaceAccess(Permission.TransferOwnership)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<Page<WorkspaceResponse>>> ListAsync(ClaimsPrincipal principal, IGrainFactory grains)
    {
        var caller = Caller.From(principal) ?? throw new UnauthenticatedException();
        if (caller.KeyWorkspaceId is { } keyWorkspace)
        {
            var info = await grains.GetGrain<IWorkspaceGrain>(keyWorkspace).GetAsync();
            return TypedResults.Ok(new Page<WorkspaceResponse>(info is null ? [] : [WorkspaceResponse.From(info, null)], null));
        }

        var user = await grains.GetGrain<IUserGrain>(caller.UserId!).GetProfileAsync() ?? throw new UnauthenticatedException();
        return TypedResults.Ok(new Page<WorkspaceResponse>(await AuthResponses.WorkspacesAsync(grains, user), null));
    }

    public static async Task<Ok<WorkspaceResponse>> GetAsync(HttpContext http, IGrainFactory grains)
    {
        var access = http.GetWorkspaceAccess();
        var info = await grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId).GetAsync() ?? throw new NotFoundException("Workspace", access.WorkspaceId);
        return TypedResults.Ok(WorkspaceResponse.From(info, access.Role));
    }

    public static async Task<Ok<WorkspaceResponse>> RenameAsync(HttpContext http, RenameRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        var workspace = grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId);
        var before = await workspace.GetAsync();
        var info = await workspace.RenameAsync(request.Name ?? "");
        await audit.RecordAsync(http, access.WorkspaceId, "workspace.renamed", "workspace", access.WorkspaceId,
            Grains.Audit.AuditChanges.Of("name", before?.Name, info.Name));
        return TypedResults.Ok(WorkspaceResponse.From(info, access.Role));
    }

    public static async Task<NoContent> LeaveAsync(HttpContext http, IGrainFactory grains, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        await grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId).LeaveAsync(access.Caller.UserId!);
        await audit.RecordAsync(http, access.WorkspaceId, "member.left", "user", access.Caller.UserId);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<WorkspaceResponse>> TransferAsync(HttpContext http, TransferOwnershipRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            throw new ValidationFailedException("userId", "Is required.");
        }

        var grain = grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId);
        var info = await grain.TransferOwnershipAsync(access.Caller.UserId!, request.UserId);
        await audit.RecordAsync(http, access.WorkspaceId, "workspace.ownership_transferred", "user", request.UserId,
            Grains.Audit.AuditChanges.Of("owner", access.Caller.UserId, request.UserId));
        return TypedResults.Ok(WorkspaceResponse.From(info, await grain.GetRoleAsync(access.Caller.UserId!)));
    }
}
