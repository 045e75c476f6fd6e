using ChatSphere.Api.Auth;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.Api.Tests.Cluster;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.Privacy;

/// <summary>
/// Two API hosts for the privacy tests, so every count is taken on both databases: the embedded shape on SQLite and the
/// cluster shape (one co-hosted node) on a fresh PostgreSQL database. Emails are recorded (invitations).
/// </summary>
public sealed class PrivacyApiFixture : IAsyncLifetime
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly TestSqlite _sqliteData = new();
    private readonly TestSqlite _clusterData = new();
    private readonly TestPostgres _postgres = new();
    private readonly Dictionary<string, ApiHost> _hosts = [];

    public Dictionary<string, RecordingEmailSender> Emails { get; } = new() { [Sqlite] = new(), [Postgres] = new() };

    public ApiHost this[string provider] => _hosts[provider];

    public async Task InitializeAsync()
    {
        _hosts[Sqlite] = await ApiHost.StartAsync(_sqliteData.Folder,
            new Dictionary<string, string?> { ["ChatSphere:Demo:Enabled"] = "false" }, Recording(Sqlite));
        var silo = ClusterSettings.Silo(await _postgres.CreateDatabaseAsync(), "privacy-" + Guid.NewGuid().ToString("N")[..8], _clusterData.Folder);
        _hosts[Postgres] = await ApiHost.StartAsync(_clusterData.Folder,
            ClusterSettings.ForHost(silo, ClusterSettings.Extra(_clusterData.Folder, tokenCount: 5, tokenDelayMs: 0)), Recording(Postgres));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _sqliteData.Dispose();
        _clusterData.Dispose();
    }

    /// <summary>The host's own database, to count rows as an auditor would.</summary>
    public static async Task<long> CountAsync(ApiHost host, string sql, params (string Name, object Value)[] parameters)
    {
        var database = host.Services.GetRequiredService<ChatSphereDatabase>();
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(ApiHost host, string sql, params (string Name, object? Value)[] parameters)
    {
        var database = host.Services.GetRequiredService<ChatSphereDatabase>();
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<string?[]>> RowsAsync(ApiHost host, string sql, params (string Name, object Value)[] parameters)
    {
        var database = host.Services.GetRequiredService<ChatSphereDatabase>();
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        var rows = new List<string?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    private Action<IServiceCollection> Recording(string provider) => services =>
    {
        services.RemoveAll<IEmailSender>();
        services.AddSingleton<IEmailSender>(Emails[provider]);
    };
}

[CollectionDefinition(Name)]
public sealed class PrivacyApiCollection : ICollectionFixture<PrivacyApiFixture>
{
    public const string Name = "privacy api";
}
