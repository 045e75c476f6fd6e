using ChatSphere.GrainInterfaces;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatSphere.Silo.Hosting;

/// <summary>Ready when a silo answers and reaches the database (it runs the check inside a silo).</summary>
public sealed class ClusterReadyCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IHealthGrain>(0).CheckDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The cluster or its database is not reachable.", exception);
        }
    }
}
