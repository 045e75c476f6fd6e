namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>How much of one quota is used. <see cref="Limit"/> 0 means no limit.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.QuotaUsage")]
public sealed record QuotaUsage([property: Id(0)] QuotaKind Kind, [property: Id(1)] long Used, [property: Id(2)] long Limit);

/// <summary>A workspace's usage in the current period, quota by quota.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.WorkspaceUsage")]
public sealed record WorkspaceUsage
{
    [Id(0)] public required string WorkspaceId { get; init; }
    [Id(1)] public required PlanInfo Plan { get; init; }
    /// <summary>The calendar month (UTC) the message count belongs to, as <c>yyyy-MM</c>.</summary>
    [Id(2)] public required string Period { get; init; }
    [Id(3)] public DateTimeOffset PeriodStart { get; init; }
    [Id(4)] public DateTimeOffset PeriodEnd { get; init; }
    [Id(5)] public required IReadOnlyList<QuotaUsage> Quotas { get; init; }
}
