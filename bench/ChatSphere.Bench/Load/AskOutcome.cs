namespace ChatSphere.Bench.Load;

/// <summary>How one ask ended: when its first and last token arrived (Stopwatch timestamps), or why it failed.</summary>
public readonly record struct AskOutcome(bool Succeeded, long FirstTokenTimestamp, long LastTokenTimestamp, string? Failure)
{
    public static AskOutcome Failed(string reason) => new(false, 0, 0, reason);
}
