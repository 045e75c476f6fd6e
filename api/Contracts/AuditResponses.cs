using ChatSphere.GrainInterfaces.Audit;

namespace ChatSphere.Api.Contracts;

/// <summary>An audit log entry on the wire; the client address appears only as its keyed hash.</summary>
public sealed record AuditEntryResponse(
    string Id,
    string WorkspaceId,
    DateTimeOffset OccurredAt,
    string Action,
    AuditActorType ActorType,
    string ActorId,
    string? ActorName,
    string? TargetType,
    string? TargetId,
    string? IpHash,
    IReadOnlyList<AuditChange> Changes)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Id, entry.WorkspaceId, entry.OccurredAt, entry.Action, entry.ActorType, entry.ActorId, entry.ActorName,
        entry.TargetType, entry.TargetId, entry.IpHash, entry.Changes);
}
