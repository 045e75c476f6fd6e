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
    public const int MaxImportPairs = 1_000;
    private const string ResumeReminder = "resume-ingestion";
    private static readonly TimeSpan IndexStepPeriod = TimeSpan.FromMilliseconds(200);

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

    public async Task<IReadOnlyList<KnowledgeSource>> ImportQaAsync(IReadOnlyList<QaPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count is 0 or > MaxImportPairs)
        {
            throw new ValidationFailedException("items", $"Between 1 and {MaxImportPairs} Q&A pairs per import.");
        }

        var errors = new Dictionary<string, string[]>();
        var valid = new List<(string Question, string Answer)>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            try
            {
                valid.Add(QaSourceRules.Validate(new NewSource { Type = SourceType.Qa, Question = pairs[i].Question, Answer = pairs[i].Answer }));
            }
            catch (ValidationFailedException invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    errors[$"items[{i}].{field}"] = messages;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await EnsureRoomForQaAsync(valid.Count);
        var rows = new List<(KnowledgeSource Source, PageUpdate Indexed)>(valid.Count);
        var charge = KnowledgeQuota.ChargeOf(valid.Sum(p => KnowledgeQuota.CharactersOf(null, p.Question, p.Answer)), valid.Count);
        await ChargeAsync(charge, async () =>
        {
            var vectors = await EmbedAsync(valid.Select(p => QaEmbeddingText.Of(p.Question, p.Answer)).ToArray());
            for (var i = 0; i < valid.Count; i++)
            {
                rows.Add(QaIndexing.NewSource(BotId, valid[i].Question, valid[i].Answer, vectors[i], embedder.Space.Model, StoredNow()));
            }

            await store.InsertManyAsync(rows);
        });
        await _retriever.UpsertAsync(rows.SelectMany(r => Retrievable(r.Source.Id, r.Indexed, r.Source.Question)).ToArray());
        foreach (var (source, _) in rows)
        {
            Notify(source, deleted: false);
        }

        return rows.Select(r => r.Source).ToArray();
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

    public Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int topK) => RetrieveAsync(query, topK, DefaultSettings);

    public async Task<IReadOnlyList<KnowledgeHit>> RetrieveAsync(string query, int topK, KnowledgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
        {
            throw new ValidationFailedException("query", $"Is required, at most {MaxQueryLength} characters.");
        }

        if (topK is < 1 or > MaxTopK)
        {
            throw new ValidationFailedException("topK", $"Must be between 1 and {MaxTopK}.");
        }

        var ranked = await _retriever.SearchAsync(query, RetrievalOptionsOf(settings, topK));
        if (ranked.Count == 0)
        {
            return [];
        }

        var rows = await chunks.GetHitsAsync(BotId, ranked.Select(r => r.ChunkId).ToArray());
        var hits = new List<KnowledgeHit>(ranked.Count);
        foreach (var (chunkId, score, curated) in ranked)
        {
            // A chunk deleted during the search is left out.
            if (rows.TryGetValue(chunkId, out var row))
            {
                hits.Add(HitOf(row, score) with { Curated = curated && row.Type == SourceType.Qa });
            }
        }

        return hits;
    }

    public Task<int> CountIndexedAsync() => Task.FromResult(_retriever.Count);

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

    public async Task<KnowledgeSource?> ReportAsync(string sourceId, SourceProgress progress)
    {
        if (progress.Status == SourceStatus.Indexed)
        {
            progress = await ChargeCharactersAsync(sourceId, progress);
        }

        if (!await store.UpdateProgressAsync(BotId, sourceId, progress, StoredNow()))
        {
            return null;
        }

        var source = await store.GetAsync(BotId, sourceId);
        if (source is not null)
        {
            Notify(source, deleted: false);
        }

        return source;
    }

    public Task<bool> ApplyPageAsync(string sourceId, PageUpdate update) => ApplyPageAsync(sourceId, update, question: null);

    /// <summary>Stores a page's chunk changes and brings the retriever level; <paramref name="question"/> marks a Q&amp;A pair's page.</summary>
    private async Task<bool> ApplyPageAsync(string sourceId, PageUpdate update, string? question)
    {
        if (await store.GetAsync(BotId, sourceId) is null)
        {
            return false;
        }

        await chunks.ApplyPageAsync(BotId, sourceId, update);
        await _retriever.RemoveAsync(update.RemovedChunkIds);
        await _retriever.UpsertAsync(Retrievable(sourceId, update, question));
        return true;
    }

    public async Task<bool> RemovePagesAsync(string sourceId, IReadOnlyList<string> pageKeys)
    {
        if (await store.GetAsync(BotId, sourceId) is null)
        {
            return false;
        }

        var removed = await chunks.RemovePagesAsync(BotId, sourceId, pageKeys);
        await _retriever.RemoveAsync(removed);
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ResumeReminder && !await ResumeUnfinishedAsync() && await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<KnowledgeSource> AddQaAsync(NewSource source)
    {
        var (question, answer) = QaSourceRules.Validate(source);
        await EnsureRoomForQaAsync(1);
        KnowledgeSource added = null!;
        PageUpdate indexed = null!;
        await ChargeAsync(KnowledgeQuota.ChargeOf(KnowledgeQuota.CharactersOf(null, question, answer)), async () =>
        {
            var vector = (await EmbedAsync([QaEmbeddingText.Of(question, answer)]))[0];
            (added, indexed) = QaIndexing.NewSource(BotId, question, answer, vector, embedder.Space.Model, StoredNow());
            await store.InsertAsync(added, indexed);
        });
        await _retriever.UpsertAsync(Retrievable(added.Id, indexed, question));
        Notify(added, deleted: false);
        return added;
    }

    private async Task<KnowledgeSource> ReindexQaAsync(KnowledgeSource source)
    {
        var question = source.Question ?? source.Title;
        var answer = source.Answer ?? "";
        var vector = (await EmbedAsync([QaEmbeddingText.Of(question, answer)]))[0];
        var now = StoredNow();
        var update = QaIndexing.PageOf(question, answer, vector, embedder.Space.Model, now) with
        {
            RemovedChunkIds = await chunks.ListChunkIdsAsync(BotId, source.Id, QaIndexing.PageKey),
        };
        if (!await ApplyPageAsync(source.Id, update, question))
        {
            // Deleted while it was being embedded.
            throw new NotFoundException("Source", source.Id);
        }

        return await ReportAsync(source.Id, QaIndexing.Indexed(question, answer, now)) ?? throw new NotFoundException("Source", source.Id);
    }

    private static readonly IReadOnlyList<QuotaCharge> OneSource = KnowledgeQuota.ChargeOf(0);

    /// <summary>Counts <paramref name="charge"/> on the workspace's plan (or refuses with 402), then runs the step that
    /// stores what it pays for; a failed step gives the charge back.</summary>
    private async Task ChargeAsync(IReadOnlyList<QuotaCharge> charge, Func<Task> step)
    {
        await GrainFactory.AcquireForBotAsync(BotId, charge);
        await step().WithQuotaRefundAsync(GrainFactory, BotId, charge);
    }

    /// <summary>
    /// A finished ingestion's characters against the plan: the difference from what the source was last charged is
    /// charged or given back. Over the plan, the source keeps no content (the bot must not answer from what the plan does
    /// not cover) and fails with the quota's message.
    /// </summary>
    private async Task<SourceProgress> ChargeCharactersAsync(string sourceId, SourceProgress progress)
    {
        if (await store.GetAsync(BotId, sourceId) is not { Type: not SourceType.Qa }
            || await store.GetChargedCharactersAsync(BotId, sourceId) is not { } charged)
        {
            return progress;
        }

        var difference = progress.Characters - charged;
        try
        {
            if (difference > 0)
            {
                await GrainFactory.AcquireForBotAsync(BotId, [new QuotaCharge(QuotaKind.KnowledgeCharacters, difference)]);
            }
            else if (difference < 0)
            {
                await GrainFactory.ReleaseForBotAsync(BotId, [new QuotaCharge(QuotaKind.KnowledgeCharacters, -difference)]);
            }

            await store.SetChargedCharactersAsync(BotId, sourceId, progress.Characters);
            return progress;
        }
        catch (QuotaExceededException exceeded)
        {
            var pages = await chunks.ListPagesAsync(BotId, sourceId);
            await _retriever.RemoveAsync(await chunks.RemovePagesAsync(BotId, sourceId, pages.Keys.ToArray()));
            await GrainFactory.ReleaseForBotAsync(BotId, [new QuotaCharge(QuotaKind.KnowledgeCharacters, charged)]);
            await store.SetChargedCharactersAsync(BotId, sourceId, 0);
            return progress with { Status = SourceStatus.Failed, Error = exceeded.Message, Pages = 0, Chunks = 0, Characters = 0 };
        }
    }

    private async Task EnsureRoomForQaAsync(int adding)
    {
        if (await store.CountAsync(BotId, SourceType.Qa) + adding > QaSourceRules.MaxQaSourcesPerBot)
        {
            throw new ConflictException($"A chatbot can have at most {QaSourceRules.MaxQaSourcesPerBot} Q&A sources; delete some before adding more.");
        }
    }

    private async Task StartJobAsync(KnowledgeSource source)
    {
        var job = GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, source.Id));
        if (source.SyncIntervalMinutes is { } interval)
        {
            await job.ScheduleAsync(interval);
        }

        await job.EnsureRunningAsync(again: false);
        await KeepResumingAsync();
        Notify(source, deleted: false);
    }

    /// <summary>Makes sure the job of every queued or processing source runs; false when there are none.</summary>
    private async Task<bool> ResumeUnfinishedAsync()
    {
        var unfinished = await store.ListUnfinishedAsync(BotId);
        foreach (var sourceId in unfinished)
        {
            await GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, sourceId)).EnsureRunningAsync(again: false);
        }

        if (unfinished.Count > 0)
        {
            LogResumed(BotId, unfinished.Count);
            await KeepResumingAsync();
        }

        return unfinished.Count > 0;
    }

    private async Task KeepResumingAsync()
    {
        var period = options.Value.ResumeCheckPeriod;
        try
        {
            if (await this.GetReminder(ResumeReminder) is null)
            {
                await this.RegisterOrUpdateReminder(ResumeReminder, period, period);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Jobs still run; only their resumption after a crash would wait for the next activation.
            LogReminderFailed(exception, BotId);
        }
    }

    private void Notify(KnowledgeSource source, bool deleted)
    {
        if (_observers.Count > 0)
        {
            var summary = source with { Text = null };
            _observers.Notify(o => o.OnSourceUpdatedAsync(summary, deleted));
        }
    }

    private static SourceProgress Requeued(KnowledgeSource source) => new()
    {
        Status = SourceStatus.Queued,
        Pages = source.Pages,
        Chunks = source.Chunks,
        Characters = source.Characters,
    };

    private static readonly KnowledgeSettings DefaultSettings = new();

    /// <summary>The bot's retrieval settings over the tuned defaults of <see cref="Retrieval.RetrievalOptions"/>.</summary>
    private static Retrieval.RetrievalOptions RetrievalOptionsOf(KnowledgeSettings settings, int topK) => new()
    {
        TopK = topK,
        MinScore = settings.MinScore,
        MmrLambda = settings.MmrLambda,
        CuratedMinSimilarity = settings.CuratedMinSimilarity,
    };

    private static KnowledgeHit HitOf(ChunkHitRow row, double score) => row.Type == SourceType.Qa
        ? new KnowledgeHit
        {
            SourceId = row.SourceId,
            Score = score,
            Title = row.Question ?? row.Title,
            Url = row.SourceUrl,
            Text = row.Text,
            Question = row.Question ?? row.Title,
            Type = row.Type,
        }
        : new KnowledgeHit
        {
            SourceId = row.SourceId,
            Score = score,
            Title = row.HeadingPath.Length > 0 && row.Title.Length > 0 ? $"{row.Title} > {row.HeadingPath}" : row.Title.Length > 0 ? row.Title : row.SourceTitle,
            Url = row.Type is SourceType.Url or SourceType.Website ? row.PageKey : row.SourceUrl,
            Text = row.Text,
            Type = row.Type,
            Heading = row.HeadingPath.Length > 0 ? row.HeadingPath : null,
            FileName = row.Type == SourceType.File ? row.FileName : null,
        };

    /// <summary>
    /// The added chunks to index (a Q&amp;A pair's one chunk carries its <paramref name="question"/>). Chunks another
    /// embedding model made (an ingestion that ran with another configuration) stay out of the vector store, whose
    /// vectors are all of one model, until the index keeper embeds them again.
    /// </summary>
    private RetrievalChunk[] Retrievable(string sourceId, PageUpdate update, string? question = null)
    {
        var foreign = update.Added.Count(c => c.EmbeddingModel != _index.Model);
        if (foreign > 0)
        {
            _index.ExpectOtherModel(foreign);
            KeepIndexing();
        }

        return update.Added.Where(c => c.EmbeddingModel == _index.Model)
            .Select(c => new RetrievalChunk(c.ChunkId, sourceId, c.Title, c.HeadingPath, c.Text, c.Embedding)
            {
                Type = question is null ? SourceType.Text : SourceType.Qa,
                Question = question,
            })
            .ToArray();
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

    /// <summary>Runs the index keeper's work (reconciling, embedding chunks of another model again) in the background until done.</summary>
    private void KeepIndexing() =>
        _indexing ??= this.RegisterGrainTimer(IndexStepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, IndexStepPeriod) { KeepAlive = true });

    private async Task IndexStepAsync(CancellationToken cancellationToken)
    {
        if (!await _index.StepAsync(cancellationToken))
        {
            _indexing?.Dispose();
            _indexing = null;
        }
    }

    /// <summary>The current time at the store's precision (milliseconds), so what a call returns equals what a later read gives.</summary>
    private static DateTimeOffset StoredNow() => DbCommandExtensions.FromUnixMs(DateTimeOffset.UtcNow.ToUnixMs());

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge of chatbot {BotId} loaded with {Count} indexed chunks")]
    private partial void LogLoaded(string botId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge of chatbot {BotId} cleared: {Count} sources deleted")]
    private partial void LogCleared(string botId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge of chatbot {BotId}: {Count} unfinished sources have their jobs running")]
    private partial void LogResumed(string botId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge of chatbot {BotId} could not register its resume reminder")]
    private partial void LogReminderFailed(Exception exception, string botId);
}
