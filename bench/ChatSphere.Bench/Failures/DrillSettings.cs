namespace ChatSphere.Bench.Failures;

/// <summary>The drill's load and limits: how many visitors chat throughout, how long replies take, what counts as recovered.</summary>
public sealed record DrillSettings
{
    /// <summary>Widget visitors chatting throughout, spread over both API nodes.</summary>
    public int Visitors { get; init; } = 12;

    public int TokensPerReply { get; init; } = 10;

    /// <summary>Pause between the instant model's tokens, so replies are in flight when a fault strikes.</summary>
    public int TokenDelayMs { get; init; } = 30;

    /// <summary>Each visitor's pause between a finished reply and the next question.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long Redis stays down in its fault.</summary>
    public TimeSpan RedisOutage { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every conversation must have a whole reply again within this after a fault ends.</summary>
    public TimeSpan RecoveryLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Dead silos declared dead within seconds (probe timeout 1 s, one vote), as the cluster tests do, so the drill
    /// measures ChatSphere's recovery rather than Orleans' patience; off for the soak, which keeps Orleans' defaults (on
    /// a crowded machine a silo that answers slowly would be voted out).
    /// </summary>
    public bool FastFailureDetection { get; init; } = true;

    /// <summary>Normal traffic before the first fault and between faults.</summary>
    public TimeSpan Calm { get; init; } = TimeSpan.FromSeconds(8);
}
