using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

/// <summary>
/// Three bots trained on a first silo, whose vector namespaces are then left as a crash would leave them before a
/// second silo starts on the same data folder and database: <see cref="Untouched"/> as saved, <see cref="Crashed"/>
/// with a vector the table never committed and without one it did, <see cref="Corrupt"/> with its manifest cut in
/// half. The chunk table is in SQLite or, with <see cref="DatabaseSettingsAsync"/>, elsewhere.
/// </summary>
public abstract class ReconcileAfterRestartFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();

    public TrainedBot Untouched { get; private set; } = null!;

    public TrainedBot Crashed { get; private set; } = null!;

    public TrainedBot Corrupt { get; private set; } = null!;

    /// <summary>The id of the vector that the crashed namespace holds but the table does not.</summary>
    public string Ghost { get; } = "chk_ghost";

    /// <summary>The manifest of <see cref="Untouched"/> as the first silo left it.</summary>
    public (byte[] Bytes, DateTime Written) UntouchedManifest { get; private set; }

    public InProcessTestCluster Restarted { get; private set; } = null!;

    public IServiceProvider Services => Restarted.Silos[0].ServiceProvider;

    public virtual async Task InitializeAsync()
    {
        _settings = await DatabaseSettingsAsync();
        var first = await ClusterFixture.StartClusterAsync(_data.Folder, _settings);
        await using (first)
        {
            Untouched = await TrainAsync(first);
            Crashed = await TrainAsync(first);
            Corrupt = await TrainAsync(first);
            await first.StopAllSilosAsync();
        }

        var manifest = ManifestOf(Untouched.BotId);
        UntouchedManifest = (await File.ReadAllBytesAsync(manifest), File.GetLastWriteTimeUtc(manifest));
        await LoseAndInventVectorsAsync(Crashed);
        var corrupt = ManifestOf(Corrupt.BotId);
        var bytes = await File.ReadAllBytesAsync(corrupt);
        await File.WriteAllBytesAsync(corrupt, bytes[..(bytes.Length / 2)]);

        Restarted = await ClusterFixture.StartClusterAsync(_data.Folder, _settings);
    }

    public virtual async Task DisposeAsync()
    {
        await Restarted.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Settings that put the database somewhere else than the data folder's SQLite file (none by default).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> DatabaseSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public string ManifestOf(string botId) => Path.Combine(_data.Folder, "vectors", botId, "manifest.bin");

    /// <summary>The chunk ids the table holds for the bot.</summary>
    public async Task<HashSet<string>> TableChunksAsync(string botId)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var chunk in Services.GetRequiredService<ChunkStore>().ReadTextsAsync(botId))
        {
            ids.Add(chunk.ChunkId);
        }

        return ids;
    }

    /// <summary>The chunk ids the bot's vector namespace holds.</summary>
    public async Task<HashSet<string>> IndexedChunksAsync(string botId)
    {
        var store = Services.GetRequiredService<IVectorStore>();
        var stats = await store.GetStatsAsync(botId);
        var probe = new float[stats.Dimensions];
        probe[0] = 1;
        var all = await store.QueryAsync(botId, new VectorQuery(probe, (int)stats.Count + 10));
        return all.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<TrainedBot> TrainAsync(InProcessTestCluster cluster)
    {
        var botId = Ids.New("bot");
        var knowledge = cluster.Client.GetGrain<IKnowledgeGrain>(botId);
        var sources = new List<KnowledgeSource>();
        foreach (var (question, answer) in SampleFaq.Pairs.Take(4))
        {
            sources.Add(await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer }));
        }

        return new TrainedBot(botId, sources);
    }

    /// <summary>
    /// What a crash can leave: the file was saved with a chunk whose transaction then rolled back (the ghost, a copy of
    /// the first pair's vector), and without a chunk committed after the last save (the second pair's).
    /// </summary>
    private async Task LoseAndInventVectorsAsync(TrainedBot bot)
    {
        using var store = new EmbeddedVectorStore(
            new EmbeddedVectorStoreOptions { Folder = Path.Combine(_data.Folder, "vectors") }, NullLogger<EmbeddedVectorStore>.Instance);
        var stats = await store.GetStatsAsync(bot.BotId);
        var probe = new float[stats.Dimensions];
        probe[0] = 1;
        var all = await store.QueryAsync(bot.BotId, new VectorQuery(probe, (int)stats.Count, IncludeVectors: true));
        var first = all.Single(m => m.SourceId == bot.Sources[0].Id);
        var second = all.Single(m => m.SourceId == bot.Sources[1].Id);
        await store.UpsertAsync(bot.BotId, [new VectorRecord(Ghost, first.Vector!, "src_rolled_back", ChunkStore.FirstVectorVersion)]);
        await store.DeleteAsync(bot.BotId, [second.Id]);
        await store.FlushAsync(bot.BotId);
    }
}

public sealed record TrainedBot(string BotId, IReadOnlyList<KnowledgeSource> Sources);

public sealed class SqliteReconcileAfterRestartFixture : ReconcileAfterRestartFixture;

/// <summary>The chunk table, grain state and everything else in a fresh PostgreSQL database (the cluster shape's store).</summary>
public sealed class PostgresReconcileAfterRestartFixture : ReconcileAfterRestartFixture
{
    private readonly TestPostgres _postgres = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("The restarted silo does not use PostgreSQL.");
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> DatabaseSettingsAsync() =>
        new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = await _postgres.CreateDatabaseAsync() };
}
