namespace ChatSphere.GrainInterfaces.RateLimits;

/// <summary>
/// A request for permits from a bucket grain: from its own bucket under <see cref="Rule"/>, and, when
/// <see cref="Member"/> is set, at the same time from that member's bucket under <see cref="MemberRule"/>
/// (a visitor inside a chatbot's shard). Both must have the permits, or neither is charged.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.RateTake")]
public sealed record RateTake
{
    [Id(0)] public RateRule? Rule { get; init; }
    [Id(1)] public string? Member { get; init; }
    [Id(2)] public RateRule? MemberRule { get; init; }
    [Id(3)] public int Permits { get; init; } = 1;
}

/// <summary>The answer: allowed, or refused with the wait after which the same request would pass.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.RateDecision")]
public sealed record RateDecision
{
    [Id(0)] public bool Allowed { get; init; }
    [Id(1)] public TimeSpan RetryAfter { get; init; }
    /// <summary>Which bucket refused: <c>shared</c> (the grain's own) or <c>member</c>.</summary>
    [Id(2)] public string? RefusedBy { get; init; }

    public static readonly RateDecision Allow = new() { Allowed = true };
}
