using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Billing;

/// <summary>One workspace's share of the message quota in this silo: the leased messages left and those let through
/// but not yet reported. Thread-safe; <see cref="Gate"/> keeps one refill in flight at a time.</summary>
internal sealed class WorkspaceMeter(string workspaceId)
{
    private readonly Lock _lock = new();
    private long _remaining;
    private long _unreported;
    private bool _retired;
    private QuotaExceededException? _refusal;
    private long _refusedUntilTicks;

    public string WorkspaceId { get; } = workspaceId;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>When a message last went through (ticks of <see cref="Environment.TickCount64"/>).</summary>
    public long LastUsedTicks { get; private set; } = Environment.TickCount64;

    /// <summary>Takes one leased message. False when the lease is spent or the meter was retired.</summary>
    public bool TryTake(out bool retired)
    {
        lock (_lock)
        {
            retired = _retired;
            if (_retired || _remaining <= 0)
            {
                return false;
            }

            _remaining--;
            _unreported++;
            LastUsedTicks = Environment.TickCount64;
            return true;
        }
    }

    /// <summary>Counts a message without a lease (the billing grain could not be asked); it is reported later.</summary>
    public void TakeUnleased()
    {
        lock (_lock)
        {
            _unreported++;
            LastUsedTicks = Environment.TickCount64;
        }
    }

    /// <summary>The refusal to repeat without asking again, while it is fresh.</summary>
    public QuotaExceededException? RecentRefusal
    {
        get
        {
            lock (_lock)
            {
                return _refusal is not null && Environment.TickCount64 < _refusedUntilTicks ? _refusal : null;
            }
        }
    }

    public void Refuse(QuotaExceededException refusal, TimeSpan hold)
    {
        lock (_lock)
        {
            _refusal = refusal;
            _refusedUntilTicks = Environment.TickCount64 + (long)hold.TotalMilliseconds;
        }
    }

    /// <summary>Hands the unreported count (and, when <paramref name="returnLease"/>, the unused lease) to a report.</summary>
    public (long Consumed, long Returned) BeginReport(bool returnLease)
    {
        lock (_lock)
        {
            var consumed = _unreported;
            var returned = returnLease ? _remaining : 0;
            _unreported = 0;
            _remaining -= returned;
            return (consumed, returned);
        }
    }

    /// <summary>The report was not delivered: its counts are reported again next time.</summary>
    public void ReportFailed(long consumed, long returned)
    {
        lock (_lock)
        {
            _unreported += consumed;
            _remaining += returned;
        }
    }

    public void Grant(long granted)
    {
        lock (_lock)
        {
            _remaining += granted;
            if (granted > 0)
            {
                _refusal = null;
            }
        }
    }

    /// <summary>True when the meter has something to report or a lease to give back.</summary>
    public bool HoldsAnything
    {
        get
        {
            lock (_lock)
            {
                return _unreported > 0 || _remaining > 0;
            }
        }
    }

    /// <summary>Retires an idle meter that holds nothing; true when it did (takes then fail and find a fresh meter).</summary>
    public bool TryRetire()
    {
        lock (_lock)
        {
            if (_unreported > 0 || _remaining > 0)
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }
}
