using System.Globalization;
using ChatSphere.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Storage.Tests;

/// <summary>
/// The reminder queries through the silo's own IReminderTable: versions as ETags, one grain's rows, the ring
/// ranges in both query forms, and removal of a whole service.
/// </summary>
public sealed class ReminderTableContractTests(SilosFixture silos) : IClassFixture<SilosFixture>
{
    // Far in the future and rare: the running silo must never try to fire these rows.
    private static readonly DateTime FarFuture = new(2099, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Upsert_moves_the_version_on_and_remove_needs_the_current_one(Store kind)
    {
        var table = Table(kind);
        var grain = GrainId.Create("reminder-contract", Guid.NewGuid().ToString("N"));
        var firstEtag = await table.UpsertRow(Entry(grain, "r", TimeSpan.FromHours(1)));
        var secondEtag = await table.UpsertRow(Entry(grain, "r", TimeSpan.FromHours(2)));
        await table.UpsertRow(Entry(grain, "other", TimeSpan.FromHours(3)));

        Assert.NotNull(firstEtag);
        Assert.NotEqual(firstEtag, secondEtag);
        var row = await table.ReadRow(grain, "r");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("r", row.ReminderName);
        Assert.Equal(TimeSpan.FromHours(2), row.Period);
        Assert.Equal(secondEtag, row.ETag);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(FarFuture, row.StartAt);

        var rows = await table.ReadRows(grain);
        Assert.Equal(["other", "r"], rows.Reminders.Select(r => r.ReminderName).Order());

        Assert.False(await table.RemoveRow(grain, "r", firstEtag));
        Assert.NotNull(await table.ReadRow(grain, "r"));
        Assert.True(await table.RemoveRow(grain, "r", secondEtag!));
        Assert.Null(await table.ReadRow(grain, "r"));
        Assert.False(await table.RemoveRow(grain, "r", secondEtag!));
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task A_period_longer_than_int_milliseconds_round_trips(Store kind)
    {
        var table = Table(kind);
        var grain = GrainId.Create("reminder-contract", Guid.NewGuid().ToString("N"));
        var period = TimeSpan.FromDays(40); // 3.46e9 ms: Orleans sends it as a 64-bit value

        await table.UpsertRow(Entry(grain, "long", period));

        Assert.Equal(period, (await table.ReadRow(grain, "long"))!.Period);
    }

    [Theory]
    [InlineData(Store.Postgres, 0x10000000u, 0x60000000u)] // plain range, positive as signed
    [InlineData(Store.Postgres, 0x40000000u, 0xC0000000u)] // plain range crossing the signed sign change
    [InlineData(Store.Postgres, 0xC0000000u, 0x40000000u)] // wrapping range crossing zero
    [InlineData(Store.Postgres, 0xE0000000u, 0xA0000000u)] // wrapping range, negative as signed
    [InlineData(Store.Postgres, 0x12345678u, 0x12345678u)] // the whole ring (a single silo)
    [InlineData(Store.Sqlite, 0x10000000u, 0x60000000u)]
    [InlineData(Store.Sqlite, 0x40000000u, 0xC0000000u)]
    [InlineData(Store.Sqlite, 0xC0000000u, 0x40000000u)]
    [InlineData(Store.Sqlite, 0xE0000000u, 0xA0000000u)]
    [InlineData(Store.Sqlite, 0x12345678u, 0x12345678u)]
    public async Task A_ring_range_returns_exactly_the_grains_whose_hash_it_holds(Store kind, uint begin, uint end)
    {
        var table = Table(kind);
        var type = "reminder-ring-" + Guid.NewGuid().ToString("N")[..8];
        var grains = Enumerable.Range(0, 150).Select(i => GrainId.Create(type, i.ToString(CultureInfo.InvariantCulture))).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "ring", TimeSpan.FromHours(1)));
        }

        var found = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Where(g => g.Type.ToString() == type).ToHashSet();

        var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(g => g.ToString()).Order(), found.Select(g => g.ToString()).Order());
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Clearing_the_table_removes_this_service_only(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var silo = await TestSilo.StartAsync(store.SiloSettings());
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("reminder-contract", "clear");
        await table.UpsertRow(Entry(grain, "mine", TimeSpan.FromHours(1)));
        await Sql.ExecuteAsync(store.Database,
            "INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version) " +
            "VALUES ('another-service', @grain, 'theirs', @start, 3600000, 1, 1)",
            ("grain", grain.ToString()), ("start", FarFuture));

        await table.TestOnlyClearTable();

        Assert.Null(await table.ReadRow(grain, "mine"));
        Assert.Equal(1, await Sql.ScalarAsync(store.Database, "SELECT COUNT(*) FROM orleans_reminders WHERE service_id = 'another-service'"));
    }

    // (begin, end] on the unsigned hash ring; begin == end is the whole ring.
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private IReminderTable Table(Store kind) => silos.Silo(kind).Services.GetRequiredService<IReminderTable>();

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = FarFuture, Period = period };
}
