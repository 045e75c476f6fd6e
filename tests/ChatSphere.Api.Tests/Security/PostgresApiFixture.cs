using ChatSphere.Api.Tests.Cluster;

namespace ChatSphere.Api.Tests.Security;

/// <summary>One API node (co-hosting a silo) in the cluster shape on a fresh PostgreSQL database, and its first user.</summary>
public sealed class PostgresApiFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private readonly TestPostgres _postgres = new();

    public ApiHost Host { get; private set; } = null!;

    public TestUser Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var silo = ClusterSettings.Silo(await _postgres.CreateDatabaseAsync(), "security-" + Guid.NewGuid().ToString("N")[..8], _data.Folder);
        Host = await ApiHost.StartAsync(_data.Folder, ClusterSettings.ForHost(silo, ClusterSettings.Extra(_data.Folder, tokenCount: 5, tokenDelayMs: 0)));
        Owner = await Host.RegisterAsync();
    }

    public async Task DisposeAsync()
    {
        Owner?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _data.Dispose();
    }
}
