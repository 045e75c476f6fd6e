using ChatSphere.Grains.Storage;
using Npgsql;

namespace ChatSphere.Grains.Tests.Knowledge;

/// <summary>
/// A fresh database (cs_test_&lt;random&gt;) on the PostgreSQL server named by <c>CHATSPHERE_TEST_POSTGRES</c>,
/// dropped on dispose.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "CHATSPHERE_TEST_POSTGRES";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        Options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        };
    }

    /// <summary>The server's connection string, or null when the tests run without PostgreSQL.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : null;

    public string Name { get; }

    public DatabaseOptions Options { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Server ?? throw new InvalidOperationException($"{ServerVariable} is not set.");
        var name = "cs_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
