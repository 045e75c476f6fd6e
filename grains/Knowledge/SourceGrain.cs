using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge;

/// <summary>
/// The ingestion job of one source. The job runs on the thread pool, not in this grain's turns, and reports through
/// the knowledge grain; a keep-alive timer holds the activation while it runs. Deactivation (a silo stopping) cancels
/// it and leaves the source in processing, where the knowledge grain's resume reminder finds it and starts it again.
/// A "sync" reminder re-syncs the source on its schedule.
/// </summary>
public sealed partial class SourceGrain(IngestionPipeline pipeline, ILogger<SourceGrain> logger) : Grain, ISourceGrain, IRemindable
{
    private const string SyncReminder = "sync";
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromMinutes(1);

    private CancellationTokenSource? _stopping;
    private Task? _job;
    private IGrainTimer? _keepAlive;
    private int _again;

    private (string BotId, string SourceId) Key => SourceGrainKey.Parse(this.GetPrimaryKeyString());

    public Task EnsureRunningAsync(bool again)
    {
        if (_job is { IsCompleted: false })
        {
            if (again)
            {
                Interlocked.Exchange(ref _again, 1);
            }

            return Task.CompletedTask;
        }

        _stopping?.Dispose();
        _stopping = new CancellationTokenSource();
        var (botId, sourceId) = Key;
        var token = _stopping.Token;
        _job = Task.Run(() => LoopAsync(botId, sourceId, token), CancellationToken.None);
        _keepAlive ??= this.RegisterGrainTimer(KeepAliveAsync, new GrainTimerCreationOptions(KeepAliveEvery, KeepAliveEvery) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task ScheduleAsync(int? intervalMinutes)
    {
        if (intervalMinutes is { } minutes)
        {
            var period = TimeSpan.FromMinutes(minutes);
            await this.RegisterOrUpdateReminder(SyncReminder, period, period);
        }
        else if (await this.GetReminder(SyncReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task StopAsync()
    {
        if (_stopping is { } stopping)
        {
            await stopping.CancelAsync();
        }

        try
        {
            if (await this.GetReminder(SyncReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnscheduleFailed(exception, this.GetPrimaryKeyString());
        }

        this.DeactivateOnIdle();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SyncReminder ? EnsureRunningAsync(again: false) : Task.CompletedTask;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stopping is { } stopping)
        {
            await stopping.CancelAsync();
        }

        if (_job is { } job)
        {
            // The job stops at its next await; its source stays as it was recorded and is resumed elsewhere.
            await job.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stopping?.Dispose();
    }

    private async Task LoopAsync(string botId, string sourceId, CancellationToken cancellationToken)
    {
        do
        {
            Interlocked.Exchange(ref _again, 0);
            try
            {
                await pipeline.RunAsync(botId, sourceId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The pipeline records failures itself; this is its reporting failing (the knowledge grain unreachable).
                LogJobFailed(exception, botId, sourceId);
                return;
            }
        }
        while (Interlocked.Exchange(ref _again, 0) == 1 && !cancellationToken.IsCancellationRequested);
    }

    private Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_job is not { IsCompleted: false })
        {
            _keepAlive?.Dispose();
            _keepAlive = null;
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion job of source {SourceId} of chatbot {BotId} stopped without recording its outcome")]
    private partial void LogJobFailed(Exception exception, string botId, string sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source grain {Key} could not remove its sync schedule")]
    private partial void LogUnscheduleFailed(Exception exception, string key);
}
