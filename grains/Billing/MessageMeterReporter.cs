using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Billing;

/// <summary>Reports the silo's metered messages (and gives unused leases back) on an interval, and once more when the silo stops.</summary>
public sealed partial class MessageMeterReporter(
    MessageUsageMeter meter,
    IOptions<BillingOptions> options,
    ILogger<MessageMeterReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MeterReportInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await meter.ReportAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await meter.ReportAllAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFinalReportFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The silo's last message usage report failed")]
    private partial void LogFinalReportFailed(Exception exception);
}
