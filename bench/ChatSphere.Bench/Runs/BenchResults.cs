using ChatSphere.Bench.Load;
using ChatSphere.Bench.Memory;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Runs;

/// <summary>Everything one invocation measured.</summary>
public sealed class BenchResults
{
    public List<LoadResult> Load { get; } = [];

    public List<MemoryResult> Memory { get; } = [];

    public LoadResult? Find(LoadPhase phase, ServerKind server) => Load.FirstOrDefault(r => r.Phase == phase && r.Server == server);

    public MemoryResult? Find(MemoryProbeKind probe, ServerKind server) => Memory.FirstOrDefault(r => r.Probe == probe && r.Server == server);
}
