using ChatSphere.GrainInterfaces.Billing;

namespace ChatSphere.Grains.Billing;

/// <summary>Messages, counted in blocks: leases granted to the silos' meters and what the meters report back.</summary>
public sealed partial class WorkspaceBillingGrain
{
    /// <summary>Messages leased to each silo's meter and not yet reported back; in memory only.</summary>
    private readonly Dictionary<string, long> _outstanding = new(StringComparer.Ordinal);

    public async Task<MessageLease> LeaseMessagesAsync(MessageLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Consumed < 0 || request.Returned < 0 || request.Wanted < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "Counts must not be negative.");
        }

        await CloseEndedPeriodAsync();
        var mine = Math.Max(0, _outstanding.GetValueOrDefault(request.MeterId) - request.Consumed - request.Returned);
        var others = _outstanding.Where(o => o.Key != request.MeterId).Sum(o => o.Value);
        var used = state.State.MessagesUsed + request.Consumed;
        var limit = Limits.MessagesPerMonth;
        long granted = 0;
        if (request.Wanted > 0)
        {
            var remaining = limit == 0 ? long.MaxValue : limit - used - mine - others;
            // Half of what is left at most: another silo asking next still finds some.
            granted = remaining <= 0 ? 0 : limit == 0 ? request.Wanted : Math.Min(request.Wanted, Math.Max(1, (remaining + 1) / 2));
        }

        if (request.Consumed > 0)
        {
            state.State.MessagesUsed = used;
            await WriteAsync();
        }

        if (mine + granted > 0)
        {
            _outstanding[request.MeterId] = mine + granted;
        }
        else
        {
            _outstanding.Remove(request.MeterId);
        }

        return new MessageLease { Granted = granted, Used = used, Limit = limit, Tier = Tier, Period = HeldPeriod().ToString() };
    }
}
