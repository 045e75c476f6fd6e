using ChatSphere.Grains.Tests.Ai.FakeOpenAi;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Ai;

/// <summary>
/// A one-silo cluster (SQLite in a temp folder) whose providers point at a <see cref="FakeOpenAiServer"/>, with a
/// short reply time limit, for conversation-level tests of generation, fallback, cancellation, memory and usage.
/// </summary>
public sealed class AiClusterFixture : IAsyncLifetime
{
    public const int ReplyTimeoutSeconds = 3;

    /// <summary>Extra well-behaved models, each used by one test so its requests can be told apart.</summary>
    public static readonly string[] OwnModels = ["memory", "workspace-key", "gateway"];

    private readonly TestSqlite _data = new();

    public FakeOpenAiServer Server { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        Server = await FakeOpenAiServer.StartAsync();
        var settings = AdapterHarness.Settings(Server.BaseUrl);
        settings["ChatSphere:Ai:ReplyTimeoutSeconds"] = ReplyTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var next = Scenarios.ChatModels.Length + 1;
        foreach (var model in OwnModels)
        {
            settings[$"ChatSphere:Ai:Providers:fake:Models:{next++}:Name"] = model;
        }

        Cluster = await ClusterFixture.StartClusterAsync(_data.Folder, settings);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Server.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AiClusterCollection : ICollectionFixture<AiClusterFixture>
{
    public const string Name = "ai cluster";
}
