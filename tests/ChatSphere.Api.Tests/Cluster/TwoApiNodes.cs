namespace ChatSphere.Api.Tests.Cluster;

/// <summary>
/// Two API nodes (each co-hosting a silo) on one fresh PostgreSQL cluster, optionally on the Redis backplane, with the
/// instant model paced as asked. <see cref="StartAsync"/>'s <c>configureB</c> may change node B's settings, and its
/// <c>services</c> replace adapters at the edge on both nodes (the email provider).
/// </summary>
public sealed class TwoApiNodes : IAsyncDisposable
{
    private readonly TestSqlite _data = new();
    private readonly TestPostgres _postgres = new();

    public ApiHost A { get; private set; } = null!;

    public ApiHost B { get; private set; } = null!;

    public string DataPath => _data.Folder;

    public static async Task<TwoApiNodes> StartAsync(
        string clusterPrefix, int tokenCount, int tokenDelayMs, bool redis = false, Action<Dictionary<string, string?>>? configureB = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var nodes = new TwoApiNodes();
        var silo = ClusterSettings.Silo(await nodes._postgres.CreateDatabaseAsync(), clusterPrefix + "-" + Guid.NewGuid().ToString("N")[..8], nodes._data.Folder);
        if (redis)
        {
            silo = silo with { Redis = TestRedis.ConnectionString };
        }

        var configuration = ClusterSettings.ForHost(silo, ClusterSettings.Extra(nodes._data.Folder, tokenCount, tokenDelayMs));
        nodes.A = await ApiHost.StartAsync(nodes._data.Folder, configuration, services);
        var forB = new Dictionary<string, string?>(configuration);
        configureB?.Invoke(forB);
        nodes.B = await ApiHost.StartAsync(nodes._data.Folder, forB, services);
        return nodes;
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _data.Dispose();
    }
}
