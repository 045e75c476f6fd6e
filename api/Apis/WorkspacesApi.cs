using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Audit;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Privacy;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>Workspaces: list, read, change (name, retention), leave, transfer ownership, erase a visitor, delete.</summary>
public static class WorkspacesApi
{
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces");
        api.MapGet("/", ListAsync).WithName("ListWorkspaces").WithSummary("The caller's workspaces (an API key: its own)").RequireAuthorization();
        api.MapGet("/{workspaceId}", GetAsync).WithName("GetWorkspace").WithSummary("Get a workspace").RequireWorkspaceAccess(Permission.Read);
        api.MapPatch("/{workspaceId}", UpdateAsync).WithName("UpdateWorkspace").WithSummary("Rename a workspace or change how long it keeps conversations")
            .WithDescription("Each field given is changed. `conversationRetentionDays` (1 to 3650, or null to keep conversations) deletes "
                + "conversations whose last activity is older, with their messages and visitor details, in batches on a schedule; "
                + "aggregated usage and billing counts stay. Admins and the owner.")
            .RequireWorkspaceAccess(Permission.ManageWorkspace).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{workspaceId}/leave", LeaveAsync).WithName("LeaveWorkspace").WithSummary("Leave a workspace (the owner transfers ownership first)")
            .RequireUser().RequireWorkspaceAccess(Permission.Read).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{workspaceId}/transfer", TransferAsync).WithName("TransferOwnership")
            .WithSummary("Make another member the owner; the previous owner becomes an admin").RequireUser().RequireWorkspaceAccess(Permission.TransferOwnership)
            .ProducesValidationProblem();
        api.MapPost("/{workspaceId}/visitors/erase", EraseVisitorAsync).WithName("EraseVisitor")
            .WithSummary("Erase a visitor's conversations, messages and lead answers")
            .WithDescription("Finds the visitor by `visitorId`, by the `email` they gave in a lead form or a signed identity, or both, "
                + "and deletes every conversation of theirs in this workspace (an open one stops at once). The audit log records "
                + "the count and a keyed hash, never the id or address. Admins and the owner; 400 when neither field is given.")
            .RequireWorkspaceAccess(Permission.ErasePersonalData)
            .Produces<VisitorErasureResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        api.MapDelete("/{workspaceId}", DeleteAsync).WithName("DeleteWorkspace")
            .WithSummary("Delete a workspace and everything in it (owner; confirm with its name)")
            .WithDescription("Deletes the chatbots with their sources, chunks and vectors, the conversations, API keys (their live "
                + "connections close), invitations, provider keys, usage and billing state; members keep their accounts. Only the "
                + "owner, and only with `?confirm=` set to the workspace's exact name (400 otherwise). The audit log is kept.")
            .RequireUser().RequireWorkspaceAccess(Permission.DeleteWorkspace)
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
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

    public static async Task<Ok<WorkspaceResponse>> UpdateAsync(
        HttpContext http, UpdateWorkspaceRequest request, IGrainFactory grains, AuditTrail audit,
        [Description("The workspace's id.")] string workspaceId)
    {
        var access = http.GetWorkspaceAccess();
        if (request.Name is null && !request.RetentionGiven)
        {
            throw new ValidationFailedException("name", "Give a new name, a conversationRetentionDays, or both.");
        }

        var workspace = grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId);
        var before = await workspace.GetAsync() ?? throw new NotFoundException("Workspace", access.WorkspaceId);
        var info = before;
        if (request.Name is not null)
        {
            info = await workspace.RenameAsync(request.Name);
            await audit.RecordAsync(http, access.WorkspaceId, "workspace.renamed", "workspace", access.WorkspaceId,
                AuditChanges.Of("name", before.Name, info.Name));
        }

        if (request.RetentionGiven)
        {
            info = await workspace.SetRetentionAsync(request.ConversationRetentionDays);
            await audit.RecordAsync(http, access.WorkspaceId, "workspace.retention_changed", "workspace", access.WorkspaceId,
                AuditChanges.Of("conversationRetentionDays", Days(before.ConversationRetentionDays), Days(info.ConversationRetentionDays)));
        }

        return TypedResults.Ok(WorkspaceResponse.From(info, access.Role));
    }

    public static async Task<Accepted<VisitorErasureResponse>> EraseVisitorAsync(
        HttpContext http, VisitorErasureRequest request, IGrainFactory grains, AuditTrail audit,
        [Description("The workspace's id.")] string workspaceId)
    {
        var access = http.GetWorkspaceAccess();
        if (string.IsNullOrWhiteSpace(request.VisitorId) && string.IsNullOrWhiteSpace(request.Email))
        {
            const string message = "Give a visitor id, an email address, or both.";
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["visitorId"] = [message], ["email"] = [message] });
        }

        var result = await grains.GetGrain<IWorkspacePrivacyGrain>(access.WorkspaceId)
            .EraseVisitorAsync(new VisitorErasure { VisitorId = request.VisitorId, Email = request.Email });
        // Neither the id nor the address: the count, which fields were given, and a keyed hash of the subject.
        await audit.RecordAsync(http, access.WorkspaceId, "visitor.erased", "visitor", result.Reference,
        [
            new AuditChange("conversations", null, result.Conversations.ToString(CultureInfo.InvariantCulture)),
            new AuditChange("by", null, string.Join(",", new[] { request.VisitorId is { Length: > 0 } ? "visitorId" : null, request.Email is { Length: > 0 } ? "email" : null }.OfType<string>())),
        ]);
        return TypedResults.Accepted((string?)null, new VisitorErasureResponse(result.Conversations));
    }

    public static async Task<NoContent> DeleteAsync(
        HttpContext http, IGrainFactory grains, AuditTrail audit,
        [Description("The workspace's id.")] string workspaceId,
        [Description("The workspace's exact name, to confirm the deletion.")] string? confirm)
    {
        var access = http.GetWorkspaceAccess();
        if (string.IsNullOrEmpty(confirm))
        {
            throw new ValidationFailedException("confirm", "Is required: the workspace's exact name.");
        }

        var workspace = grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId);
        var before = await workspace.GetAsync() ?? throw new NotFoundException("Workspace", access.WorkspaceId);
        await workspace.DeleteAsync(access.Caller.UserId!, confirm);
        // The audit log outlives the workspace (it is append-only): the last entry says who deleted it.
        await audit.RecordAsync(http, access.WorkspaceId, "workspace.deleted", "workspace", access.WorkspaceId,
            AuditChanges.Of("name", before.Name, null));
        return TypedResults.NoContent();
    }

    private static string? Days(int? days) => days?.ToString(CultureInfo.InvariantCulture);

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
            AuditChanges.Of("owner", access.Caller.UserId, request.UserId));
        return TypedResults.Ok(WorkspaceResponse.From(info, await grain.GetRoleAsync(access.Caller.UserId!)));
    }
}
