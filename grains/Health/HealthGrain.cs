using ChatSphere.GrainInterfaces;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Health;

/// <summary>The readiness check's probe inside the cluster: a silo answers and reaches the database.</summary>
[StatelessWorker]
public sealed class HealthGrain(ChatSphereDatabase database) : Grain, IHealthGrain
{
    public async Task CheckDatabaseAsync()
    {
        await using var connection = await database.OpenAsync();
        await connection.Command("SELECT 1").ExecuteScalarAsync();
    }
}
