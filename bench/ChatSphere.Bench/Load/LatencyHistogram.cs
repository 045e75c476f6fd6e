using System.Diagnostics;
using HdrHistogram;

namespace ChatSphere.Bench.Load;

/// <summary>Latencies recorded from many tasks at once (microsecond resolution, 3 significant digits).</summary>
public sealed class LatencyHistogram
{
    private static readonly long HighestMicroseconds = (long)TimeSpan.FromMinutes(10).TotalMicroseconds;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    public void Record(long startTimestamp, long endTimestamp)
    {
        var micros = (long)Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMicroseconds;
        _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
    }

    /// <summary>The latency at <paramref name="percentile"/> (0-100) in milliseconds, or NaN with no samples.</summary>
    public double PercentileMs(double percentile) =>
        Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => Count == 0 ? double.NaN : _histogram.GetMaxValue() / 1000.0;
}
