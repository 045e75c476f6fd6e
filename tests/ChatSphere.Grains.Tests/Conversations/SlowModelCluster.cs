using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>
/// A test cluster whose "instant" model is paced like a real one (<see cref="Words"/> words, <see cref="DelayMs"/> ms
/// before each), so a test can act while a reply is still streaming. Its own data folder.
/// </summary>
public sealed class SlowModelCluster : IAsyncLifetime
{
    public const int Words = 40;
    public const int DelayMs = 50;

    private readonly TestSqlite _data = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Settings for <see cref="ClusterFixture.StartClusterAsync"/> that pace the model.</summary>
    public static IReadOnlyDictionary<string, string?> Paced(int words, int delayMs) => new Dictionary<string, string?>
    {
        ["ChatSphere:Ai:InstantModel:TokenCount"] = words.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ChatSphere:Ai:InstantModel:TokenDelayMs"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync() => Cluster = await ClusterFixture.StartClusterAsync(_data.Folder, Paced(Words, DelayMs));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }
}
