namespace ChatSphere.GrainInterfaces.RateLimits;

/// <summary>
/// Token buckets held in memory, keyed by what they limit: <c>ip:&lt;hash&gt;</c>, <c>apikey:&lt;id&gt;</c>, or
/// <c>bot:&lt;botId&gt;#&lt;shard&gt;</c> (one shard of a chatbot's allowance, which also holds the buckets of the visitors
/// that hash to it). The caller passes the rules, so a grain never looks anything up. A bucket that moves to another
/// silo starts full again: rate limits protect capacity, they are not accounting.
/// </summary>
[Alias("ChatSphere.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    [Alias("Take")]
    Task<RateDecision> TakeAsync(RateTake take);
}
