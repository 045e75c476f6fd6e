namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>A workspace's plan: its tier, the limits that tier has in this deployment, and where the last change came from.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.PlanInfo")]
public sealed record PlanInfo
{
    [Id(0)] public PlanTier Tier { get; init; }
    [Id(1)] public required PlanLimits Limits { get; init; }
    /// <summary>When the tier last changed; null while the workspace is on the deployment's default plan.</summary>
    [Id(2)] public DateTimeOffset? ChangedAt { get; init; }
    /// <summary>The payment provider that made the change (<c>manual</c>, ...), if any.</summary>
    [Id(3)] public string? Provider { get; init; }
    /// <summary>The provider's reference for the subscription, if any.</summary>
    [Id(4)] public string? SubscriptionReference { get; init; }
}

/// <summary>A change of plan, as the API or a payment provider's notification asks for it.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.PlanChange")]
public sealed record PlanChange
{
    [Id(0)] public PlanTier Tier { get; init; }
    [Id(1)] public required string Provider { get; init; }
    [Id(2)] public string? SubscriptionReference { get; init; }
    /// <summary>The provider's event id: a notification delivered twice changes the plan once.</summary>
    [Id(3)] public string? EventId { get; init; }
}
