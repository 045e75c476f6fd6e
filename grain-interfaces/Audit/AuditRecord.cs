namespace ChatSphere.GrainInterfaces.Audit;

/// <summary>Who did something (lower-case on the wire).</summary>
public enum AuditActorType : byte
{
    User = 1,
    ApiKey = 2,
    System = 3,
}

/// <summary>One changed field of an audited action: its value before and after, already summarised and masked.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AuditChange")]
public sealed record AuditChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Before,
    [property: Id(2)] string? After);

/// <summary>An administrative action as reported by the code that performed it.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AuditRecord")]
public sealed record AuditRecord
{
    /// <summary>What happened, as <c>area.verb</c>: <c>chatbot.updated</c>, <c>member.removed</c>, <c>auth.login_failed</c>.</summary>
    [Id(0)] public required string Action { get; init; }
    [Id(1)] public required AuditActorType ActorType { get; init; }
    [Id(2)] public required string ActorId { get; init; }
    /// <summary>A readable name of the actor (an email or a key's name) at the time of the action.</summary>
    [Id(3)] public string? ActorName { get; init; }
    [Id(4)] public string? TargetType { get; init; }
    [Id(5)] public string? TargetId { get; init; }
    /// <summary>The client address; the log keeps only a keyed hash of it.</summary>
    [Id(6)] public string? IpAddress { get; init; }
    [Id(7)] public IReadOnlyList<AuditChange> Changes { get; init; } = [];
}

/// <summary>A stored entry of a workspace's audit log.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string WorkspaceId { get; init; }
    [Id(2)] public DateTimeOffset OccurredAt { get; init; }
    [Id(3)] public required string Action { get; init; }
    [Id(4)] public AuditActorType ActorType { get; init; }
    [Id(5)] public required string ActorId { get; init; }
    [Id(6)] public string? ActorName { get; init; }
    [Id(7)] public string? TargetType { get; init; }
    [Id(8)] public string? TargetId { get; init; }
    /// <summary>HMAC-SHA256 of the client address under a key kept in the database: equal addresses compare equal,
    /// but the address cannot be read back.</summary>
    [Id(9)] public string? IpHash { get; init; }
    [Id(10)] public IReadOnlyList<AuditChange> Changes { get; init; } = [];
}

/// <summary>Filters of an audit log query; each one that is set must match.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AuditQuery")]
public sealed record AuditQuery
{
    /// <summary>An exact action (<c>chatbot.updated</c>) or an area ending in a dot (<c>chatbot.</c>).</summary>
    [Id(0)] public string? Action { get; init; }
    [Id(1)] public string? ActorId { get; init; }
    [Id(2)] public string? TargetType { get; init; }
    [Id(3)] public string? TargetId { get; init; }
    [Id(4)] public DateTimeOffset? From { get; init; }
    [Id(5)] public DateTimeOffset? To { get; init; }
}

/// <summary>A page of audit entries, newest first.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Items,
    [property: Id(1)] string? NextCursor);
