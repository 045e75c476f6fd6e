using ChatSphere.GrainInterfaces.RateLimits;

namespace ChatSphere.Grains.RateLimits;

/// <summary>A token bucket: refills continuously at the rule's rate up to its capacity. Not thread-safe (a grain owns it).</summary>
internal sealed class TokenBucket(double tokens, long updatedTicks)
{
    private double _tokens = tokens;
    private long _updatedTicks = updatedTicks;

    /// <summary>A bucket that starts full.</summary>
    public static TokenBucket Full(RateRule rule, long nowTicks) => new(rule.Capacity, nowTicks);

    /// <summary>Tokens now, after refilling for the time since the last update.</summary>
    public double Refill(RateRule rule, long nowTicks, long ticksPerSecond)
    {
        var elapsedSeconds = Math.Max(0, nowTicks - _updatedTicks) / (double)ticksPerSecond;
        _tokens = Math.Min(rule.Capacity, _tokens + elapsedSeconds * rule.PermitsPerMinute / 60);
        _updatedTicks = nowTicks;
        return _tokens;
    }

    public void Take(int permits) => _tokens -= permits;

    /// <summary>True when the bucket is full again, which is the same as never having been used.</summary>
    public bool IsFull(RateRule rule, long nowTicks, long ticksPerSecond) => Refill(rule, nowTicks, ticksPerSecond) >= rule.Capacity;

    /// <summary>How long until <paramref name="permits"/> tokens are there (the bucket was refilled just before).</summary>
    public TimeSpan WaitFor(RateRule rule, int permits)
    {
        if (permits > rule.Capacity)
        {
            return TimeSpan.MaxValue;
        }

        var missing = permits - _tokens;
        return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing * 60 / rule.PermitsPerMinute);
    }
}
