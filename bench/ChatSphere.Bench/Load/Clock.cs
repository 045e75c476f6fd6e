using System.Diagnostics;

namespace ChatSphere.Bench.Load;

/// <summary>Stopwatch timestamps: deadlines and waiting for them.</summary>
public static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long After(long timestamp, TimeSpan delay) => timestamp + (long)(delay.TotalSeconds * Stopwatch.Frequency);

    public static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Now, timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }
}
