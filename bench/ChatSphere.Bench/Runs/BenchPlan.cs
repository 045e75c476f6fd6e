using ChatSphere.Bench.Load;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Runs;

/// <summary>What one invocation measures, on which servers, for how long.</summary>
public sealed record BenchPlan
{
    public required IReadOnlyList<ServerKind> Servers { get; init; }
    public required LoadSettings Load { get; init; }
    public IReadOnlyList<int> ClosedLoopSizes { get; init; } = [];
    public int? OpenLoopConversations { get; init; }
    public TimeSpan OpenLoopMeanInterval { get; init; } = TimeSpan.FromSeconds(5);
    public int? IdleConnections { get; init; }
    public int? IdleConversations { get; init; }
    public TimeSpan IdleConversationsTimeLimit { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>How many times a load phase runs at most while other processes disturb it; the least disturbed run counts.</summary>
    public int Attempts { get; init; } = 2;
}
