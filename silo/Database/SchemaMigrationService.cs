using Microsoft.Extensions.Hosting;

namespace ChatSphere.Silo.Database;

/// <summary>Runs the schema migration before the silo starts (it is registered before Orleans' own hosted service).</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
