using ChatSphere.Storage.Tests.Grains;
using ChatSphere.Storage.Tests.Infrastructure;

namespace ChatSphere.Storage.Tests;

/// <summary>Grain state through real silos: written, read back after a restart, cleared, written concurrently.</summary>
public sealed class GrainStorageTests
{
    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task State_survives_a_silo_restart_on_the_same_database(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using (var first = await TestSilo.StartAsync(store.SiloSettings()))
        {
            var grain = first.Grains.GetGrain<IStateProbeGrain>("restart");
            await grain.SetAsync("one");
            await grain.SetAsync("two");
        }

        await using var second = await TestSilo.StartAsync(store.SiloSettings());
        var stored = await second.Grains.GetGrain<IStateProbeGrain>("restart").ReloadAsync();

        Assert.True(stored.RecordExists);
        Assert.Equal(new ProbeState { Value = "two", Writes = 2 }, stored.State);
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Cleared_state_reads_back_as_the_default_and_leaves_no_row(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var silo = await TestSilo.StartAsync(store.SiloSettings());
        var grain = silo.Grains.GetGrain<IStateProbeGrain>("clear");
        await grain.SetAsync("something");

        await grain.ClearAsync();
        var stored = await grain.ReloadAsync();

        Assert.False(stored.RecordExists);
        Assert.Equal(new ProbeState(), stored.State);
        // The silo deletes a cleared state's row (DeleteStateOnClear): a deleted chatbot, workspace or account leaves nothing.
        Assert.Equal(0, await Sql.ScalarAsync(store.Database, "SELECT COUNT(*) FROM orleans_storage WHERE grain_id_extension = 'clear'"));
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Many_grains_writing_at_once_all_succeed(Store kind)
    {
        const int grains = 40;
        const int writesEach = 15;
        await using var store = await TestStore.CreateAsync(kind);
        await using var silo = await TestSilo.StartAsync(store.SiloSettings());

        await Task.WhenAll(Enumerable.Range(0, grains).Select(async i =>
        {
            var grain = silo.Grains.GetGrain<IStateProbeGrain>($"load-{i}");
            for (var w = 0; w < writesEach; w++)
            {
                await grain.SetAsync($"write {w}");
            }
        }));

        var rows = await Sql.QueryAsync(store.Database, "SELECT version FROM orleans_storage");
        Assert.Equal(grains, rows.Count);
        Assert.All(rows, r => Assert.Equal(writesEach, Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
