using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Ingestion;
using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Knowledge.Indexing;
using ChatSphere.Grains.Knowledge.Search;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace ChatSphere.Grains.Knowledge;

/// <summary>
/// The knowledge of one chatbot (keyed by bot id): the single writer of its sources, pages and chunks, and the owner
/// of its retriever (<see cref="IKnowledgeRetriever"/>), brought in step with the chunk table on activation by a
/// <see cref="KnowledgeIndexKeeper"/> (the vector store's namespace is reconciled, not rebuilt). Q&amp;A pairs are
/// indexed at once; other sources are queued and ingested by their <see cref="ISourceGrain"/> in the background,
/// which reports back through <see cref="IKnowledgeIngestion"/>. While any source is unfinished a reminder keeps
/// checking that its job runs, so a silo restart never leaves one stuck.
/// <para>This file holds the sources' life cycle; the partial files hold the other concerns:
/// <c>KnowledgeGrain.Qa.cs</c> (Q&amp;A pairs, embedded at once), <c>KnowledgeGrain.Ingestion.cs</c> (what source
/// jobs report back, and keeping them running) and <c>KnowledgeGrain.Search.cs</c> (searching and keeping the index in
/// step); <see cref="KnowledgeHits"/> maps stored chunks to hits.</para>
/// </summary>
public sealed partial class KnowledgeGrain(
    SourceStore store,
    ChunkStore chunks,
    IKnowledgeRetrieverFactory retrievers,
    KnowledgeEmbedder embedder,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<KnowledgeGrain> logger) : Grain, IKnowledgeGrain, IKnowledgeIngestion, IRemindable
{
    public const int MaxTopK = 50;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 4_000;

    private readonly ObserverManager<IKnowledgeObserver> _observers = new(TimeSpan.FromMinutes(5), logger);
    private IKnowledgeRetriever _retriever = null!;
    private KnowledgeIndexKeeper _index = null!;
    private IGrainTimer? _indexing;

    private string BotId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _retriever = retrievers.Create(BotId);
        // The chunk table is the truth: the vector store keeps what agrees with it and is corrected where it does not.
        _index = new KnowledgeIndexKeeper(BotId, _retriever, chunks, embedder, logger, time);
        if (await _index.LoadAsync(cancellationToken))
        {
            KeepIndexing();
        }

        LogLoaded(BotId, _retriever.Count);
        await ResumeUnfinishedAsync();
    }

    public async Task<KnowledgeSource> AddSourceAsync(NewSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Type == SourceType.Qa)
        {
            return await AddQaAsync(source);
        }

        var added = SourceRules.ValidateQueued(source, BotId, Ids.New("src"), StoredNow(), options.Value.MaxCrawlPages);
        await ChargeAsync(OneSource, () => store.InsertAsync(added, indexed: null));
        await StartJobAsync(added);
        return added;
    }

    public async Task<KnowledgeSource> AddFileAsync(NewFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var added = SourceRules.ValidateFile(file, BotId, Ids.New("src"), StoredNow(), options.Value.MaxFileBytes);
        await ChargeAsync(OneSource, () => store.InsertAsync(added, indexed: null, file.Content));
        await StartJobAsync(added);
        return added;
    }

    public Task<KnowledgeSource?> GetSourceAsync(string sourceId) =>
        Ids.IsWellFormed(sourceId) ? store.GetAsync(BotId, sourceId) : Task.FromResult<KnowledgeSource?>(null);

    public Task<SourcePage> ListSourcesAsync(string? cursor, int limit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"Must be between 1 and {MaxPageSize}.");
        }

        return store.ListAsync(BotId, cursor, limit);
    }

    public async Task<bool> DeleteSourceAsync(string sourceId)
    {
        if (!Ids.IsWellFormed(sourceId))
        {
            return false;
        }

        var source = await store.GetAsync(BotId, sourceId);
        var charged = await store.GetChargedCharactersAsync(BotId, sourceId);
        var deleted = await store.DeleteAsync(BotId, sourceId);
        await _retriever.RemoveSourceAsync(sourceId);
        if (deleted && source is not null)
        {
            await GrainFactory.ReleaseForBotAsync(BotId, KnowledgeQuota.ChargeOf(
                source.Type == SourceType.Qa ? KnowledgeQuota.CharactersOf(null, source.Question, source.Answer) : charged ?? 0));
        }

        if (source is not null && source.Type != SourceType.Qa)
        {
            await GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, sourceId)).StopAsync();
        }

        if (source is not null)
        {
            Notify(source, deleted: true);
        }

        return deleted;
    }

    public async Task<KnowledgeSource> SyncSourceAsync(string sourceId)
    {
        var source = (Ids.IsWellFormed(sourceId) ? await store.GetAsync(BotId, sourceId) : null)
            ?? throw new NotFoundException("Source", sourceId);
        if (source.Type == SourceType.Qa)
        {
            return await ReindexQaAsync(source);
        }

        if (source.Status != SourceStatus.Processing)
        {
            source = await ReportAsync(sourceId, Requeued(source)) ?? throw new NotFoundException("Source", sourceId);
        }

        await GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, sourceId)).EnsureRunningAsync(again: true);
        await KeepResumingAsync();
        return source;
    }

    public Task SubscribeAsync(IKnowledgeObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IKnowledgeObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task ClearAsync()
    {
        var jobs = await store.ListIdsAsync(BotId, exceptType: SourceType.Qa);
        var deleted = await store.DeleteAllAsync(BotId);
        await _retriever.ClearAsync();
        // The emptied namespace is named after the model again, so the next activation finds it in step.
        await _index.LoadAsync(CancellationToken.None);
        foreach (var sourceId in jobs)
        {
            await GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, sourceId)).StopAsync();
        }

        LogCleared(BotId, deleted);
    }

    private static readonly IReadOnlyList<QuotaCharge> OneSource = KnowledgeQuota.ChargeOf(0);

    /// <summary>Counts <paramref name="charge"/> on the workspace's plan (or refuses with 402), then runs the step that
    /// stores what it pays for; a failed step gives the charge back.</summary>
    private async Task ChargeAsync(IReadOnlyList<QuotaCharge> charge, Func<Task> step)
    {
        await GrainFactory.AcquireForBotAsync(BotId, charge);
        await step().WithQuotaRefundAsync(GrainFactory, BotId, charge);
    }

    private void Notify(KnowledgeSource source, bool deleted)
    {
        if (_observers.Count > 0)
        {
            var summary = source with { Text = null };
            _observers.Notify(o => o.OnSourceUpdatedAsync(summary, deleted));
        }
    }

    /// <summary>Embeds texts with the knowledge model for a caller waiting on it; a failure stores nothing and answers 503.</summary>
    private async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts)
    {
        try
        {
            return await embedder.EmbedAsync(texts);
        }
        catch (EmbeddingFailedException failure)
        {
            throw new ServiceUnavailableException(failure.Message);
        }
    }

    /// <summary>The current time at the store's precision (milliseconds), so what a call returns equals what a later read gives.</summary>
    private DateTimeOffset StoredNow() => DbCommandExtensions.FromUnixMs(time.GetUtcNow().ToUnixMs());

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge of chatbot {BotId} loaded with {Count} indexed chunks")]
    private partial void LogLoaded(string botId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge of chatbot {BotId} cleared: {Count} sources deleted")]
    private partial void LogCleared(string botId, int count);
}
