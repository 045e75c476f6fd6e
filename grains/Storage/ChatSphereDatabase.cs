using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// Opens connections to the configured database. Both providers accept the same SQL for ChatSphere's own
/// tables (ANSI SQL, <c>@name</c> parameters, <c>INSERT .. ON CONFLICT</c>, times as Unix milliseconds).
/// </summary>
public sealed class ChatSphereDatabase : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqliteConnectionString = "";

    public ChatSphereDatabase(IOptions<DatabaseOptions> options)
    {
        Options = options.Value;
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(Options.ConnectionString);
        }
        else
        {
            _sqliteConnectionString = new SqliteConnectionStringBuilder(Options.ConnectionString)
            {
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>An open connection. SQLite connections are set to WAL with synchronous=NORMAL
    /// (durable across a process crash) and wait for locks instead of failing.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public void Dispose() => _postgres?.Dispose();
}
