using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>
/// A one-silo cluster whose ingestion may reach the loopback test site at exactly "127.0.0.1" (and nothing else
/// private), with short time limits so slow-server tests end quickly.
/// </summary>
public sealed class IngestionClusterFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["ChatSphere:Ingestion:AllowedPrivateHosts:0"] = "127.0.0.1",
        ["ChatSphere:Ingestion:RequestTimeout"] = "00:00:02",
        ["ChatSphere:Ingestion:MaxUnpackedBytes"] = "10000000",
        ["ChatSphere:Ingestion:MaxResponseBytes"] = "3000000",
        ["ChatSphere:Ingestion:ResumeCheckPeriod"] = "00:01:00",
    };

    private readonly TestSqlite _data = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public LoopbackSite Site { get; } = new();

    public async Task InitializeAsync() => Cluster = await ClusterFixture.StartClusterAsync(_data.Folder, Settings);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Site.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A new chatbot (so its knowledge starts empty) and its knowledge grain.</summary>
    public async Task<(string BotId, IKnowledgeGrain Knowledge)> NewBotAsync(KnowledgeSettings? knowledge = null)
    {
        var botId = Ids.New("bot");
        await Grains.GetGrain<IChatbotGrain>(botId).CreateAsync(Ids.New("ws"), new ChatbotSettings
        {
            Name = "Ingestion test bot",
            Knowledge = knowledge ?? new KnowledgeSettings(),
        });
        return (botId, Grains.GetGrain<IKnowledgeGrain>(botId));
    }
}

[CollectionDefinition(Name)]
public sealed class IngestionCollection : ICollectionFixture<IngestionClusterFixture>
{
    public const string Name = "ingestion";
}
