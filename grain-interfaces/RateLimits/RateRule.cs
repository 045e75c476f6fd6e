namespace ChatSphere.GrainInterfaces.RateLimits;

/// <summary>A token bucket's shape: it holds at most <see cref="Capacity"/> permits and gains
/// <see cref="PermitsPerMinute"/> a minute.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.RateRule")]
public sealed record RateRule([property: Id(0)] double Capacity, [property: Id(1)] double PermitsPerMinute)
{
    /// <summary>A bucket for <paramref name="perMinute"/> permits a minute that holds a quarter of a minute's allowance
    /// (at least one), split evenly over <paramref name="shards"/> buckets.</summary>
    public static RateRule PerMinute(int perMinute, int shards = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        var rate = (double)perMinute / shards;
        return new RateRule(Math.Max(1, Math.Ceiling(rate / 4)), rate);
    }

    /// <summary>A bucket for <paramref name="perHour"/> permits an hour that holds a quarter of an hour's allowance (at least one).</summary>
    public static RateRule PerHour(int perHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perHour);
        return new RateRule(Math.Max(1, Math.Ceiling(perHour / 4.0)), perHour / 60.0);
    }
}
