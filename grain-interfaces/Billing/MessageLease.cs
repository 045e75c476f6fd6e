namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>
/// What a silo's message meter tells its workspace's billing grain: the messages it let through since it last
/// reported, the leased messages it gives back, and how many more it would like to let through without asking.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.MessageLeaseRequest")]
public sealed record MessageLeaseRequest
{
    /// <summary>Identifies the meter (one per silo), so its outstanding lease is tracked apart from the others'.</summary>
    [Id(0)] public required string MeterId { get; init; }
    [Id(1)] public long Consumed { get; init; }
    [Id(2)] public long Returned { get; init; }
    [Id(3)] public long Wanted { get; init; }
}

/// <summary>The billing grain's answer: how many messages the meter may let through now, and the month's figures.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.MessageLease")]
public sealed record MessageLease
{
    [Id(0)] public long Granted { get; init; }
    [Id(1)] public long Used { get; init; }
    /// <summary>0: no limit.</summary>
    [Id(2)] public long Limit { get; init; }
    [Id(3)] public PlanTier Tier { get; init; }
    [Id(4)] public required string Period { get; init; }
}
