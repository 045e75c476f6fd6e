using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Memory;

/// <summary>
/// A server's memory after a full GC before and after it took on <see cref="Count"/> idle things (connections or
/// conversations), and what each costs on average: in resident memory, and in managed heap alone.
/// </summary>
public sealed record MemoryResult(MemoryProbeKind Probe, ServerKind Server, int Requested, int Count, MemorySample Before, MemorySample After, TimeSpan Elapsed)
{
    public double BytesEach => Count == 0 ? double.NaN : (After.RssBytes - Before.RssBytes) / (double)Count;

    public double ManagedBytesEach => Count == 0 ? double.NaN : (After.ManagedHeapBytes - Before.ManagedHeapBytes) / (double)Count;

    /// <summary>How many were made per second (conversations started, connections opened).</summary>
    public double PerSecond => Count / Elapsed.TotalSeconds;
}

public enum MemoryProbeKind
{
    IdleConnections,
    IdleConversations,
}
