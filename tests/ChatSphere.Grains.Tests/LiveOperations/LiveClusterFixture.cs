using ChatSphere.Grains.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.LiveOperations;

/// <summary>
/// A one-silo cluster whose conversations read a fake clock (<see cref="Time"/>; the silo's own timers keep the real one),
/// so business hours and idle times can be tested at chosen instants. Its own data folder, which a test may start a
/// second cluster on (<see cref="RestartAsync"/>) to prove state survives a restart.
/// </summary>
public sealed class LiveClusterFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();

    /// <summary>Monday 2026-12-07 10:00 in Berlin (09:00 UTC).</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await StartAsync();

    /// <summary>Stops the silo and starts a new one on the same data.</summary>
    public async Task RestartAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }

    private Task<InProcessTestCluster> StartAsync() =>
        ClusterFixture.StartClusterAsync(_data.Folder, services: s => s.AddSingleton(new ConversationClock(Time)));
}
