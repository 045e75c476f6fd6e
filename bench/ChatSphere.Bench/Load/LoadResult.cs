using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Load;

/// <summary>What one load phase measured against one server, over its measured window only.</summary>
public sealed record LoadResult(
    LoadPhase Phase,
    ServerKind Server,
    int Conversations,
    TimeSpan Window,
    long Asks,
    long Failures,
    string? FirstFailure,
    LatencyHistogram TimeToFirstToken,
    LatencyHistogram TimeToLastToken,
    ProcessSample ServerBefore,
    ProcessSample ServerAfter,
    TimeSpan ClientCpu,
    double MachineBusyCores)
{
    public double AsksPerSecond => Asks / Window.TotalSeconds;

    public double ServerCpuSeconds => (ServerAfter.CpuTime - ServerBefore.CpuTime).TotalSeconds;

    /// <summary>Server CPU time per completed ask, in milliseconds.</summary>
    public double ServerCpuMsPerAsk => Asks == 0 ? double.NaN : ServerCpuSeconds * 1000 / Asks;

    /// <summary>Cores the server kept busy on average during the window.</summary>
    public double ServerCores => ServerCpuSeconds / Window.TotalSeconds;

    public double ClientCores => ClientCpu.TotalSeconds / Window.TotalSeconds;

    /// <summary>Cores that processes other than the server and the load client kept busy: interference.</summary>
    public double OtherCores => Math.Max(0, MachineBusyCores - ServerCores - ClientCores);
}

/// <summary>Which load phase: a closed loop at some N, or the open (widget) loop.</summary>
public sealed record LoadPhase(bool Closed, int Conversations)
{
    /// <summary>The metric key prefix: chat.n100, chat.n1000, chat.open1000.</summary>
    public string Key => Closed ? $"chat.n{Conversations}" : $"chat.open{Conversations}";

    public string Title => Closed ? $"closed loop, N = {Conversations:N0}" : $"open loop, {Conversations:N0} conversations";
}
