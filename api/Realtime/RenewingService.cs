namespace ChatSphere.Api.Realtime;

/// <summary>
/// The renewal loop of this node's observers (<see cref="ConversationFeed"/>, <see cref="DashboardFeed"/>,
/// <see cref="InboxFeed"/>, <see cref="Auth.ApiKeyConnections"/>): a hosted timer that calls <see cref="RenewAsync"/>
/// every period while the host runs, never two runs at once (a slow renewal skips the next tick rather than piling up).
/// Grains forget observers that are not renewed, so a grain that moved to another silo finds the node again.
/// </summary>
public abstract class RenewingService(TimeSpan period) : IHostedService, IDisposable
{
    private Timer? _timer;
    private int _running;

    public TimeSpan RenewalPeriod { get; } = period;

    /// <summary>One renewal; exceptions are the implementation's to log (an escaping one is swallowed).</summary>
    protected abstract Task RenewAsync();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(_ => _ = TickAsync(), null, RenewalPeriod, RenewalPeriod);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }
    }

    private async Task TickAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            await RenewAsync();
        }
        catch (Exception)
        {
            // Each implementation logs what failed; the next tick tries again.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
