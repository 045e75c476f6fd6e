namespace ChatSphere.Bench.Load;

/// <summary>Counts failed asks from many tasks and keeps the first reason, to show what went wrong.</summary>
public sealed class FailureLog
{
    private long _count;
    private string? _first;

    public long Count => Interlocked.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    public void Add(string reason)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, reason, null);
    }
}
