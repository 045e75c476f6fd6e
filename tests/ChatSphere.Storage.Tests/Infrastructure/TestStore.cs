using ChatSphere.Grains.Storage;
using ChatSphere.Testing;

namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>
/// An empty database of either kind plus a data folder, and the silo settings that point at them.
/// Disposing drops the database and deletes the folder.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TestPostgres? _postgres;
    private readonly TestSqlite _folder;

    private TestStore(Store kind, DatabaseOptions database, TestSqlite folder, TestPostgres? postgres)
    {
        Kind = kind;
        Database = database;
        _folder = folder;
        _postgres = postgres;
    }

    public Store Kind { get; }

    public DatabaseOptions Database { get; }

    public string DataPath => _folder.Folder;

    /// <summary>The invariant Orleans' ADO.NET providers are given for this database.</summary>
    public string OrleansInvariant => Kind == Store.Postgres ? "Npgsql" : "System.Data.SQLite";

    public static async Task<TestStore> CreateAsync(Store kind)
    {
        var folder = new TestSqlite();
        if (kind == Store.Sqlite)
        {
            return new TestStore(kind, folder.DatabaseOptions, folder, null);
        }

        var postgres = new TestPostgres();
        var database = await postgres.CreateDatabaseOptionsAsync();
        return new TestStore(kind, database, folder, postgres);
    }

    /// <summary>Settings for a silo on this database, with fresh ports (each call gives new ports).</summary>
    public TestSiloSettings SiloSettings() => Kind == Store.Postgres
        ? TestSiloSettings.Cluster(Database.ConnectionString, DataPath)
        : TestSiloSettings.Embedded(DataPath);

    public Task<IReadOnlyList<string>> MigrateAsync() => TestSchema.ApplyAsync(Database);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _folder.Dispose();
    }
}
