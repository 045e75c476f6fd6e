using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.RateLimits;

namespace ChatSphere.Grains.Tests.RateLimits;

[Collection(ClusterCollection.Name)]
public sealed class RateLimitGrainTests(ClusterFixture fixture)
{
    /// <summary>A guard against hangs while a bucket refills, not a timing assertion.</summary>
    private static readonly TimeSpan RefillWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_bucket_refuses_beyond_its_capacity_and_refills_at_its_rate()
    {
        var bucket = fixture.Grains.GetGrain<IRateLimitGrain>("apikey:" + Ids.New("key"));
        var take = new RateTake { Rule = new RateRule(Capacity: 3, PermitsPerMinute: 120) };

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await bucket.TakeAsync(take)).Allowed);
        }

        var refused = await bucket.TakeAsync(take);
        Assert.False(refused.Allowed);
        Assert.Equal("shared", refused.RefusedBy);
        // Two permits a second: the next one is at most half a second away.
        Assert.InRange(refused.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(0.5));

        Assert.True(await TakeWhenRefilledAsync(bucket, take));
    }

    [Fact]
    public async Task Member_buckets_limit_each_visitor_inside_the_shared_one()
    {
        var shard = fixture.Grains.GetGrain<IRateLimitGrain>($"bot:{Ids.New("bot")}#0");
        RateTake Visitor(string name) => new()
        {
            Rule = new RateRule(Capacity: 5, PermitsPerMinute: 6),
            Member = name,
            MemberRule = new RateRule(Capacity: 2, PermitsPerMinute: 6),
        };

        Assert.True((await shard.TakeAsync(Visitor("a"))).Allowed);
        Assert.True((await shard.TakeAsync(Visitor("a"))).Allowed);
        var visitorRefused = await shard.TakeAsync(Visitor("a"));
        Assert.False(visitorRefused.Allowed);
        Assert.Equal("member", visitorRefused.RefusedBy);

        // Another visitor still has its own allowance, until the shared bucket (5) runs dry.
        Assert.True((await shard.TakeAsync(Visitor("b"))).Allowed);
        Assert.True((await shard.TakeAsync(Visitor("b"))).Allowed);
        Assert.True((await shard.TakeAsync(Visitor("c"))).Allowed);
        var sharedRefused = await shard.TakeAsync(Visitor("d"));
        Assert.False(sharedRefused.Allowed);
        Assert.Equal("shared", sharedRefused.RefusedBy);
    }

    private static async Task<bool> TakeWhenRefilledAsync(IRateLimitGrain bucket, RateTake take)
    {
        var deadline = DateTime.UtcNow + RefillWait;
        while (DateTime.UtcNow < deadline)
        {
            var decision = await bucket.TakeAsync(take);
            if (decision.Allowed)
            {
                return true;
            }

            await Task.Delay(decision.RetryAfter);
        }

        return false;
    }
}
