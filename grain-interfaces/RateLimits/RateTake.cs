namespace ChatSphere.GrainInterfaces.RateLimits;

/// <summary>
/// A request for permits from a bucket grain: from its own bucket under <see cref="Rule"/>, and, when
/// <see cref="Member"/> is set, at the same time from that member's bucket under <see cref="MemberRule"/>
/// (a visitor inside a chatbot's shard), and, when <see cref="Address"/> is set, from that client address's bucket under
/// <see cref="AddressRule"/> (so visitors minted for free still share their network's allowance). All must have the
/// permits, or none is charged.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.RateTake")]
public sealed record RateTake
{
    [Id(0)] public RateRule? Rule { get; init; }
    [Id(1)] public string? Member { get; init; }
    [Id(2)] public RateRule? MemberRule { get; init; }
    [Id(3)] public int Permits { get; init; } = 1;
    [Id(4)] public string? Address { get; init; }
    [Id(5)] public RateRule? AddressRule { get; init; }
}

/// <summary>The answer: allowed, or refused with the wait after which the same request would pass.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.RateDecision")]
public sealed record RateDecision
{
    [Id(0)] public bool Allowed { get; init; }
    [Id(1)] public TimeSpan RetryAfter { get; init; }
    /// <summary>Which bucket refused: <c>shared</c> (the grain's own), <c>member</c> or <c>address</c>.</summary>
    [Id(2)] public string? RefusedBy { get; init; }

    public static readonly RateDecision Allow = new() { Allowed = true };
}
