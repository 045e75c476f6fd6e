using ChatSphere.Grains.Storage;
using Npgsql;

namespace ChatSphere.Testing;

/// <summary>
/// Fresh databases on the test PostgreSQL server (<see cref="TestEnvironment.PostgresVariable"/>): each
/// <see cref="CreateDatabaseAsync"/> creates an empty <c>cs_test_&lt;random&gt;</c> database; disposing drops
/// every database this instance created (ending their open connections first).
/// </summary>
/// <example><code>
/// await using var postgres = new TestPostgres();
/// var connectionString = await postgres.CreateDatabaseAsync();
/// </code></example>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly List<string> _databases = [];
    private readonly Lock _gate = new();

    /// <summary>The server's connection string, as the environment gives it.</summary>
    public static string ServerConnectionString => TestEnvironment.Require(TestEnvironment.PostgresVariable);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "cs_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            // A database name cannot be a parameter; this one is made of [a-z0-9_] only.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_gate)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates an empty database and returns it as <see cref="DatabaseOptions"/> for ChatSphere's code.</summary>
    public async Task<DatabaseOptions> CreateDatabaseOptionsAsync(CancellationToken cancellationToken = default) =>
        new() { Provider = DatabaseProvider.Postgres, ConnectionString = await CreateDatabaseAsync(cancellationToken) };

    public async ValueTask DisposeAsync()
    {
        string[] databases;
        lock (_gate)
        {
            databases = [.. _databases];
            _databases.Clear();
        }

        if (databases.Length == 0)
        {
            return;
        }

        // Pooled idle connections of this process would otherwise keep the databases open.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        foreach (var name in databases)
        {
            await using (var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", admin))
            {
                terminate.Parameters.AddWithValue("name", name);
                await terminate.ExecuteNonQueryAsync();
            }

            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
