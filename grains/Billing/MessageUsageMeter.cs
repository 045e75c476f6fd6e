using System.Collections.Concurrent;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Billing;

/// <summary>
/// Counts visitor messages per workspace in this silo and enforces the monthly quota without a grain call per message:
/// each workspace's meter spends a lease of messages granted by the workspace's billing grain and asks for another
/// block when it runs out (about one call per <see cref="BillingOptions.MessageLeaseBlock"/> messages, fewer near the
/// limit). Every <see cref="BillingOptions.MeterReportInterval"/> <see cref="MessageMeterReporter"/> reports what went
/// through and gives the unused lease back, so units another silo leased but does not need are free again within one
/// interval; a meter idle for <see cref="IdleAfter"/> is dropped, so the silo holds meters only for workspaces in use.
/// </summary>
public sealed partial class MessageUsageMeter(
    IGrainFactory grains,
    IOptions<BillingOptions> options,
    ILocalSiloDetails silo,
    ILogger<MessageUsageMeter> logger)
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, WorkspaceMeter> _meters = new(StringComparer.Ordinal);
    private readonly string _meterId = silo.SiloAddress.ToParsableString();

    /// <summary>Counts one message of <paramref name="workspaceId"/>; throws <see cref="QuotaExceededException"/> when the
    /// month's messages are spent. Completes synchronously while this silo's lease lasts.</summary>
    public ValueTask ConsumeAsync(string workspaceId)
    {
        var meter = _meters.GetOrAdd(workspaceId, static id => new WorkspaceMeter(id));
        return meter.TryTake(out var retired) && !retired ? ValueTask.CompletedTask : RefillAndTakeAsync(workspaceId, meter, retired);
    }

    /// <summary>Reports what every meter let through and gives the unused leases back; drops meters idle for long.</summary>
    public async Task ReportAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var meter in _meters.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var idle = Environment.TickCount64 - meter.LastUsedTicks > (long)IdleAfter.TotalMilliseconds;
            if (meter.HoldsAnything)
            {
                await meter.Gate.WaitAsync(cancellationToken);
                try
                {
                    await ReportAsync(meter, wanted: 0, returnLease: true);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReportFailed(exception, meter.WorkspaceId);
                }
                finally
                {
                    meter.Gate.Release();
                }
            }

            if (idle && meter.TryRetire())
            {
                _meters.TryRemove(new KeyValuePair<string, WorkspaceMeter>(meter.WorkspaceId, meter));
            }
        }
    }

    private async ValueTask RefillAndTakeAsync(string workspaceId, WorkspaceMeter meter, bool retired)
    {
        if (retired)
        {
            // Dropped while idle between lookup and take: a fresh meter takes over.
            _meters.TryRemove(new KeyValuePair<string, WorkspaceMeter>(workspaceId, meter));
            await ConsumeAsync(workspaceId);
            return;
        }

        if (meter.RecentRefusal is { } recent)
        {
            throw recent;
        }

        await meter.Gate.WaitAsync();
        try
        {
            // Another caller may have refilled while this one waited.
            if (meter.TryTake(out _))
            {
                return;
            }

            MessageLease lease;
            try
            {
                lease = await ReportAsync(meter, options.Value.MessageLeaseBlock, returnLease: false);
            }
            catch (Exception exception) when (exception is not ChatSphereException)
            {
                // Billing unreachable (its silo is failing over): let the message through and count it for later.
                LogLeaseFailed(exception, workspaceId);
                meter.TakeUnleased();
                return;
            }

            if (meter.TryTake(out _))
            {
                return;
            }

            var refusal = new QuotaExceededException(QuotaKind.MessagesPerMonth, lease.Limit, lease.Used, lease.Tier);
            meter.Refuse(refusal, options.Value.MeterRefusalHold);
            LogRefused(workspaceId, lease.Used, lease.Limit);
            throw refusal;
        }
        finally
        {
            meter.Gate.Release();
        }
    }

    /// <summary>One exchange with the billing grain; the caller holds the meter's gate.</summary>
    private async Task<MessageLease> ReportAsync(WorkspaceMeter meter, long wanted, bool returnLease)
    {
        var (consumed, returned) = meter.BeginReport(returnLease);
        MessageLease lease;
        try
        {
            lease = await grains.GetGrain<IWorkspaceBillingGrain>(meter.WorkspaceId).LeaseMessagesAsync(new MessageLeaseRequest
            {
                MeterId = _meterId, Consumed = consumed, Returned = returned, Wanted = wanted,
            });
        }
        catch
        {
            meter.ReportFailed(consumed, returned);
            throw;
        }

        meter.Grant(lease.Granted);
        return lease;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message usage of workspace {WorkspaceId} could not be reported; it is kept for the next report")]
    private partial void LogReportFailed(Exception exception, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No message lease for workspace {WorkspaceId}: the message is let through and counted for a later report")]
    private partial void LogLeaseFailed(Exception exception, string workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId} reached its monthly messages ({Used} of {Limit}); messages are refused")]
    private partial void LogRefused(string workspaceId, long used, long limit);
}
