using ChatSphere.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ChatSphere.Silo.Hosting;

/// <summary>Which process shape to run, read once from configuration (settings: docs/configuration.md).</summary>
public sealed record ChatSphereTopology
{
    public const string GrainStorageName = ChatSphere.Grains.GrainStorage.Name;

    /// <summary>The data folder of the embedded shape (<c>ChatSphere:DataPath</c>, default <c>./data</c>).</summary>
    public required string DataPath { get; init; }
    public required DatabaseOptions Database { get; init; }
    public string? RedisConnectionString { get; init; }
    public string ClusterId { get; init; } = "chatsphere";
    public string ServiceId { get; init; } = "chatsphere";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public string? AdvertisedIP { get; init; }

    /// <summary>True when <c>ConnectionStrings:Postgres</c> is set: ADO.NET clustering, storage and reminders on PostgreSQL.</summary>
    public bool IsCluster => Database.Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// The invariant name Orleans' ADO.NET providers know the database by. Orleans 10 lists SQLite as
    /// <c>System.Data.SQLite</c> and loads Microsoft.Data.Sqlite's factory for it; "Microsoft.Data.Sqlite" is
    /// not a name it accepts.
    /// </summary>
    public string OrleansInvariant => Database.Provider == DatabaseProvider.Postgres ? "Npgsql" : "System.Data.SQLite";

    public static ChatSphereTopology From(IConfiguration configuration)
    {
        var dataPath = Path.GetFullPath(configuration["ChatSphere:DataPath"] is { Length: > 0 } p ? p : "./data");
        var postgres = configuration.GetConnectionString("Postgres");
        var database = string.IsNullOrWhiteSpace(postgres)
            ? new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = SqliteConnectionString(dataPath) }
            : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres };
        var orleans = configuration.GetSection("Orleans");
        return new ChatSphereTopology
        {
            DataPath = dataPath,
            Database = database,
            RedisConnectionString = configuration.GetConnectionString("Redis") is { Length: > 0 } r ? r : null,
            ClusterId = orleans["ClusterId"] is { Length: > 0 } c ? c : "chatsphere",
            ServiceId = orleans["ServiceId"] is { Length: > 0 } s ? s : "chatsphere",
            SiloPort = orleans.GetValue("SiloPort", 11111),
            GatewayPort = orleans.GetValue("GatewayPort", 30000),
            AdvertisedIP = orleans["AdvertisedIP"] is { Length: > 0 } ip ? ip : null,
        };
    }

    /// <summary>
    /// The SQLite file of the embedded shape. Orleans' providers open their own connections from this string,
    /// so it carries the lock wait: Microsoft.Data.Sqlite retries a busy database until the command timeout,
    /// which keeps concurrent grain writes from failing with SQLITE_BUSY. (WAL is set on the file itself.)
    /// </summary>
    private static string SqliteConnectionString(string dataPath) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataPath, "chatsphere.db"),
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
