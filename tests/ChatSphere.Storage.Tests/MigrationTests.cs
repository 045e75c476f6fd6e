using ChatSphere.Grains.Storage;
using ChatSphere.Silo.Database;
using ChatSphere.Silo.Hosting;
using ChatSphere.Storage.Tests.Infrastructure;
using ChatSphere.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSphere.Storage.Tests;

/// <summary>The schema migration: every script once, nothing the second time, safe to race, idempotent scripts.</summary>
public sealed class MigrationTests
{
    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    private static readonly string[] PersistenceKeys = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task An_empty_database_gets_every_script_in_order_and_a_second_run_applies_nothing(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var expected = SchemaMigrator.Scripts(store.Database.Provider).Select(s => s.Name).ToList();

        var first = await store.MigrateAsync();
        var second = await store.MigrateAsync();

        Assert.Equal(expected, first);
        Assert.Contains("001_orleans_query.sql", first);
        Assert.Contains("003_orleans_persistence.sql", first);
        Assert.Empty(second);
        Assert.Equal(expected.Count, await Sql.ScalarAsync(store.Database, "SELECT COUNT(*) FROM cs_schema_migrations"));
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task The_query_catalogue_holds_every_key_the_providers_read(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await store.MigrateAsync();

        var keys = (await Sql.QueryAsync(store.Database, "SELECT QueryKey FROM OrleansQuery")).Select(r => (string)r[0]!).ToHashSet();

        var expected = PersistenceKeys.Concat(ReminderKeys).Concat(kind == Store.Postgres ? ClusteringKeys : []).ToHashSet();
        Assert.Equal(expected.Order(), keys.Order());
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Two_migrations_racing_apply_each_script_exactly_once(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var expected = SchemaMigrator.Scripts(store.Database.Provider).Select(s => s.Name).ToList();

        // Each runner has its own connections, like two silos starting together.
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(store.MigrateAsync)));

        Assert.Equal(expected.Order(), runs.SelectMany(r => r).Order());
        Assert.Equal(expected.Count, await Sql.ScalarAsync(store.Database, "SELECT COUNT(*) FROM cs_schema_migrations"));
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task The_orleans_scripts_apply_again_over_an_older_copy_and_restore_its_queries(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await store.MigrateAsync();
        var original = await Sql.QueryAsync(store.Database, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        await Sql.ExecuteAsync(store.Database, "UPDATE OrleansQuery SET QueryText = 'stale' WHERE QueryKey = 'WriteToStorageKey'");
        await Sql.ExecuteAsync(store.Database, "DELETE FROM cs_schema_migrations WHERE name LIKE '00%'");

        var reapplied = await store.MigrateAsync();

        Assert.Equal(
            SchemaMigrator.Scripts(store.Database.Provider).Select(s => s.Name).Where(n => n.StartsWith("00", StringComparison.Ordinal)),
            reapplied);
        var restored = await Sql.QueryAsync(store.Database, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        Assert.Equal(original[0][0], restored[0][0]);
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Migrate_only_applies_the_schema_named_by_configuration(Store kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.SiloSettings().ToConfiguration()).Build();

        await ChatSphereSiloExtensions.MigrateOnlyAsync(configuration);

        var database = ChatSphereTopology.From(configuration).Database;
        Assert.Equal(store.Database.Provider, database.Provider);
        Assert.Equal(0, await Sql.ScalarAsync(database, "SELECT COUNT(*) FROM orleans_storage"));
        Assert.Equal(0, await Sql.ScalarAsync(database, "SELECT COUNT(*) FROM orleans_reminders"));
        using var connections = new ChatSphereDatabase(Options.Create(database));
        Assert.Empty(await new SchemaMigrator(connections, NullLogger<SchemaMigrator>.Instance).MigrateAsync());
    }

    [Fact]
    public async Task The_sqlite_file_is_left_in_wal_mode_for_the_connections_orleans_opens_itself()
    {
        await using var store = await TestStore.CreateAsync(Store.Sqlite);
        await store.MigrateAsync();

        // A plain connection, as Orleans' providers open them: no pragmas of ours.
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(store.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
