using ChatSphere.Storage.Tests.Grains;
using ChatSphere.Storage.Tests.Infrastructure;

namespace ChatSphere.Storage.Tests;

/// <summary>A reminder registered on one silo fires on the silo that replaces it, from the database alone.</summary>
public sealed class ReminderTests
{
    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task A_reminder_outlives_its_silo_and_fires_on_the_next_one(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var key = "reminder-" + Guid.NewGuid().ToString("N");
        await using (var first = await TestSilo.StartAsync(store.SiloSettings()))
        {
            await first.Grains.GetGrain<IReminderProbeGrain>(key).StartAsync(dueTime: TimeSpan.FromSeconds(3), period: TimeSpan.FromSeconds(2));
        }

        Assert.Equal(1, await Sql.ScalarAsync(store.Database, "SELECT COUNT(*) FROM orleans_reminders WHERE grain_id LIKE @key", ("key", "%" + key)));

        await using var second = await TestSilo.StartAsync(store.SiloSettings());
        var tick = await ReminderLog.WaitForAsync(t => t.GrainKey == key && t.Silo.Equals(second.Address), TimeSpan.FromSeconds(60));

        Assert.NotNull(tick);
        Assert.Equal(ReminderProbeGrain.ReminderName, tick.ReminderName);

        await second.Grains.GetGrain<IReminderProbeGrain>(key).StopAsync();
        Assert.Equal(0, await Sql.ScalarAsync(store.Database, "SELECT COUNT(*) FROM orleans_reminders WHERE grain_id LIKE @key", ("key", "%" + key)));
    }
}
