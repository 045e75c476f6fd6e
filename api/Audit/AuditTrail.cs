using System.Security.Claims;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Audit;

namespace ChatSphere.Api.Audit;

/// <summary>
/// Records an administrative action in its workspace's audit log, with the actor read from the request's principal
/// (a user, or an API key) and the client address (hashed by the log). Call it after the action succeeded and before
/// answering, so an answered change is an audited change.
/// </summary>
public sealed class AuditTrail(IGrainFactory grains)
{
    public Task<AuditEntry> RecordAsync(
        HttpContext http, string workspaceId, string action, string? targetType, string? targetId,
        IReadOnlyList<AuditChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (actorType, actorId, actorName) = Actor(http.User);
        return RecordAsync(workspaceId, new AuditRecord
        {
            Action = action,
            ActorType = actorType,
            ActorId = actorId,
            ActorName = actorName,
            TargetType = targetType,
            TargetId = targetId,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            Changes = changes ?? [],
        });
    }

    /// <summary>
    /// A user's own account event (a sign-in, a password change), recorded in each workspace the user belongs to, so
    /// every workspace's administrators see what happened to their members' accounts.
    /// </summary>
    public async Task RecordForUserAsync(HttpContext http, UserProfile user, string action, IReadOnlyList<AuditChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var record = new AuditRecord
        {
            Action = action,
            ActorType = AuditActorType.User,
            ActorId = user.Id,
            ActorName = user.Email,
            TargetType = "user",
            TargetId = user.Id,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            Changes = changes ?? [],
        };
        await Task.WhenAll(user.WorkspaceIds.Select(workspaceId => RecordAsync(workspaceId, record)));
    }

    /// <summary>For actions with no request principal yet (a failed sign-in) or by the system itself.</summary>
    public Task<AuditEntry> RecordAsync(string workspaceId, AuditRecord record) =>
        grains.GetGrain<IAuditLogGrain>(workspaceId).RecordAsync(record);

    /// <summary>The actor of a request: its API key, else its user, else the system (no principal).</summary>
    public static (AuditActorType Type, string Id, string? Name) Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.FindFirst(ChatSphereClaims.ApiKeyId)?.Value is { Length: > 0 } key)
        {
            return (AuditActorType.ApiKey, key, user.FindFirst(ChatSphereClaims.Name)?.Value);
        }

        if (user.FindFirst(ChatSphereClaims.UserId)?.Value is { Length: > 0 } userId)
        {
            return (AuditActorType.User, userId, user.FindFirst(ChatSphereClaims.Email)?.Value);
        }

        return (AuditActorType.System, "system", null);
    }
}
