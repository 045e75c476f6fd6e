using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary><c>/api/v1/workspaces/{workspaceId}/audit-log</c>: the administrative actions of a workspace.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/workspaces/{workspaceId}/audit-log").WithTags("Audit log").RequireWorkspaceAccess(Permission.ViewAuditLog)
            .MapGet("/", ListAsync)
            .WithName("ListAuditLog")
            .WithSummary("Administrative actions of a workspace, newest first, filtered by action (exact, or an area such as 'chatbot.'), actor, target and time");
        return app;
    }

    public static async Task<Ok<Page<AuditEntryResponse>>> ListAsync(
        HttpContext http, IGrainFactory grains, string? action, string? actorId, string? targetType, string? targetId,
        DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor)
    {
        var query = new AuditQuery { Action = action, ActorId = actorId, TargetType = targetType, TargetId = targetId, From = from, To = to };
        var page = await grains.GetGrain<IAuditLogGrain>(http.GetWorkspaceAccess().WorkspaceId).QueryAsync(query, cursor, Paging.Limit(limit));
        return TypedResults.Ok(new Page<AuditEntryResponse>(page.Items.Select(AuditEntryResponse.From).ToArray(), page.NextCursor));
    }
}
