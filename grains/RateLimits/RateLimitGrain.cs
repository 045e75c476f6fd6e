using System.Diagnostics;
using ChatSphere.GrainInterfaces.RateLimits;

namespace ChatSphere.Grains.RateLimits;

/// <summary>
/// Token buckets in memory: the grain's own (shared by everyone who hits this key) and, for chatbot shards, one per
/// member (visitor) that hashes to this shard. A member's bucket that has refilled is dropped (a full bucket and no bucket
/// are the same), and the map never holds more than <see cref="MaxMembers"/> buckets, so the state stays bounded.
/// Every rule refills its bucket within a quarter of a minute, so an activation idle for two minutes holds only full
/// buckets and is collected early without losing anything.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class RateLimitGrain : Grain, IRateLimitGrain
{
    /// <summary>The most member buckets one shard keeps; past it the least recently used are dropped.</summary>
    public const int MaxMembers = 20_000;

    private readonly Dictionary<string, MemberBucket> _members = new(StringComparer.Ordinal);
    private TokenBucket? _shared;

    private static long Now => Stopwatch.GetTimestamp();

    public Task<RateDecision> TakeAsync(RateTake take)
    {
        ArgumentNullException.ThrowIfNull(take);
        var permits = Math.Max(1, take.Permits);
        var now = Now;

        TokenBucket? shared = null;
        if (take.Rule is { } rule)
        {
            shared = _shared ??= TokenBucket.Full(rule, now);
            if (shared.Refill(rule, now, Stopwatch.Frequency) < permits)
            {
                return Task.FromResult(Refused(shared.WaitFor(rule, permits), "shared"));
            }
        }

        var member = take is { Member: { } name, MemberRule: { } memberRule } ? MemberOf(name, memberRule, now) : null;
        if (member is not null && member.Bucket.Refill(take.MemberRule!, now, Stopwatch.Frequency) < permits)
        {
            return Task.FromResult(Refused(member.Bucket.WaitFor(take.MemberRule!, permits), "member"));
        }

        var address = take is { Address: { } key, AddressRule: { } addressRule } ? MemberOf(key, addressRule, now) : null;
        if (address is not null && address.Bucket.Refill(take.AddressRule!, now, Stopwatch.Frequency) < permits)
        {
            return Task.FromResult(Refused(address.Bucket.WaitFor(take.AddressRule!, permits), "address"));
        }

        shared?.Take(permits);
        member?.Bucket.Take(permits);
        address?.Bucket.Take(permits);
        return Task.FromResult(RateDecision.Allow);
    }

    private MemberBucket MemberOf(string name, RateRule rule, long now)
    {
        if (!_members.TryGetValue(name, out var member))
        {
            if (_members.Count >= MaxMembers)
            {
                Trim(rule, now);
            }

            member = new MemberBucket(TokenBucket.Full(rule, now));
            _members[name] = member;
        }

        member.LastUsedTicks = now;
        return member;
    }

    private static RateDecision Refused(TimeSpan wait, string by) => new() { Allowed = false, RetryAfter = wait, RefusedBy = by };

    /// <summary>Drops the members whose buckets are full again; if that frees too little, the least recently used half.</summary>
    private void Trim(RateRule rule, long now)
    {
        foreach (var (name, member) in _members)
        {
            if (member.Bucket.IsFull(rule, now, Stopwatch.Frequency))
            {
                _members.Remove(name);
            }
        }

        if (_members.Count >= MaxMembers * 3 / 4)
        {
            foreach (var name in _members.OrderBy(m => m.Value.LastUsedTicks).Take(_members.Count / 2).Select(m => m.Key).ToArray())
            {
                _members.Remove(name);
            }
        }
    }

    private sealed class MemberBucket(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;

        public long LastUsedTicks { get; set; }
    }
}
