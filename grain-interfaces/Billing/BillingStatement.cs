namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>One closed month of a workspace: the plan it was on and what it used. Written once, when the month ends.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.BillingStatement")]
public sealed record BillingStatement
{
    [Id(0)] public required string WorkspaceId { get; init; }
    /// <summary>The month, as <c>yyyy-MM</c> (UTC).</summary>
    [Id(1)] public required string Period { get; init; }
    [Id(2)] public PlanTier Tier { get; init; }
    [Id(3)] public long MessagesUsed { get; init; }
    [Id(4)] public long MessagesLimit { get; init; }
    [Id(5)] public long Chatbots { get; init; }
    [Id(6)] public long Sources { get; init; }
    [Id(7)] public long KnowledgeCharacters { get; init; }
    [Id(8)] public long Seats { get; init; }
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A page of statements, newest month first.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.StatementPage")]
public sealed record StatementPage([property: Id(0)] IReadOnlyList<BillingStatement> Items, [property: Id(1)] string? NextCursor);
