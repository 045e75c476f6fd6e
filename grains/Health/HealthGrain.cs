using ChatSphere.GrainInterfaces;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Health;

[StatelessWorker]
public sealed class HealthGrain(ChatSphereDatabase database) : Grain, IHealthGrain
{
    public async Task CheckDatabaseAsync()
    {
        await using var connection = await database.OpenAsync();
        await connection.Command("SELECT 1").ExecuteScalarAsync();
    }
}
