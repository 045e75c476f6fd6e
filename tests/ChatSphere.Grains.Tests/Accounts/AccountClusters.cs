using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Accounts;

/// <summary>Test clusters for the account grains on either provider: the embedded SQLite file or a fresh PostgreSQL database.</summary>
public sealed class AccountClusters : IAsyncDisposable
{
    private readonly TestSqlite _data = new();
    private readonly TestPostgres _postgres = new();
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["ChatSphere:Auth:Argon2:MemoryKiB"] = "1024",
        ["ChatSphere:Auth:Argon2:Iterations"] = "1",
        // The cluster shape defaults to Free (one seat); these tests are about accounts, not plans.
        ["ChatSphere:Billing:DefaultPlan"] = "unlimited",
    };

    private AccountClusters()
    {
    }

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Starts a cluster on <paramref name="provider"/> ("sqlite" or "postgres") with <paramref name="settings"/> added.</summary>
    public static async Task<AccountClusters> StartAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clusters = new AccountClusters();
        try
        {
            if (provider == "postgres")
            {
                clusters._settings["ConnectionStrings:Postgres"] = await clusters._postgres.CreateDatabaseAsync();
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                clusters._settings[key] = value;
            }

            clusters.Cluster = await ClusterFixture.StartClusterAsync(clusters._data.Folder, clusters._settings);
            return clusters;
        }
        catch
        {
            await clusters.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the cluster and starts a new one on the same storage: only what was written survives.</summary>
    public async Task RestartAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = await ClusterFixture.StartClusterAsync(_data.Folder, _settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _data.Dispose();
    }
}
