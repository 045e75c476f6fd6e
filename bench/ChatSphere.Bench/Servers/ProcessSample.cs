namespace ChatSphere.Bench.Servers;

/// <summary>A server process's resident memory and the CPU time it has used so far.</summary>
public readonly record struct ProcessSample(long RssBytes, TimeSpan CpuTime)
{
    public double RssMegabytes => RssBytes / (1024.0 * 1024.0);
}

/// <summary>A server's memory right after a full GC: resident set and the managed heap the GC reported.</summary>
public readonly record struct MemorySample(long RssBytes, long ManagedHeapBytes);
