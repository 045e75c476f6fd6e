using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Options;

namespace ChatSphere.Testing;

/// <summary>
/// One migrated SQLite database and one fresh migrated PostgreSQL database (the test server is required), for
/// store tests that run on both providers. Keys: <c>sqlite</c>, <c>postgres</c>. Disposing drops and deletes them.
/// </summary>
public sealed class MigratedDatabases : IAsyncDisposable
{
    private readonly TestSqlite _sqlite = new();
    private readonly TestPostgres _postgres = new();
    private readonly Dictionary<string, ChatSphereDatabase> _databases = [];

    public static IReadOnlyList<string> Providers { get; } = ["sqlite", "postgres"];

    public ChatSphereDatabase this[string provider] => _databases[provider];

    public async Task CreateAsync()
    {
        _databases["sqlite"] = await OpenAsync(_sqlite.DatabaseOptions);
        _databases["postgres"] = await OpenAsync(await _postgres.CreateDatabaseOptionsAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            database.Dispose();
        }

        await _postgres.DisposeAsync();
        _sqlite.Dispose();
    }

    private static async Task<ChatSphereDatabase> OpenAsync(DatabaseOptions options)
    {
        await TestSchema.ApplyAsync(options);
        return new ChatSphereDatabase(Options.Create(options));
    }
}
