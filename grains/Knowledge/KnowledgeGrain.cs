using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge;

/// <summary>
/// The knowledge of one chatbot (keyed by bot id). Sources live as rows of the knowledge table, not in grain state;
/// the grain keeps the embeddings of the bot's Q&amp;A pairs in memory, loaded on activation, and searches them exactly.
/// </summary>
public sealed partial class KnowledgeGrain(
    SourceStore store,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    ILogger<KnowledgeGrain> logger) : Grain, IKnowledgeGrain
{
    public const int MaxTopK = 50;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 4_000;

    private VectorIndex? _index;

    private string BotId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.LoadQaEmbeddingsAsync(BotId, cancellationToken);
        var dimensions = embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions
            ?? (stored.Count > 0 ? stored[0].Vector.Length : null);
        var skipped = 0;
        foreach (var entry in stored)
        {
            if (entry.Vector.Length != dimensions)
            {
                skipped++;
                continue;
            }

            IndexFor(entry.Vector.Length).Upsert(entry.SourceId, entry.Vector);
        }

        if (skipped > 0)
        {
            LogStaleEmbeddings(BotId, skipped, dimensions ?? 0);
        }

        LogLoaded(BotId, _index?.Count ?? 0);
    }

    public async Task<KnowledgeSource> AddSourceAsync(NewSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (question, answer) = QaSourceRules.Validate(source);
        if (await store.CountAsync(BotId, SourceType.Qa) >= QaSourceRules.MaxQaSourcesPerBot)
        {
            throw new ConflictException($"A chatbot can have at most {QaSourceRules.MaxQaSourcesPerBot} Q&A sources; delete some before adding more.");
        }

        var charge = KnowledgeQuota.ChargeOf(KnowledgeQuota.CharactersOf(null, question, answer));
        await GrainFactory.AcquireForBotAsync(BotId, charge);
        var vector = await EmbedAsync(QaEmbeddingText.Of(question, answer)).WithQuotaRefundAsync(GrainFactory, BotId, charge);
        var now = StoredNow();
        var added = new KnowledgeSource
        {
            Id = Ids.New("src"),
            BotId = BotId,
            Type = SourceType.Qa,
            Status = SourceStatus.Indexed,
            Progress = 1,
            Title = QaSourceRules.TitleOf(question),
            Question = question,
            Answer = answer,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.InsertAsync(added, vector).WithQuotaRefundAsync(GrainFactory, BotId, charge);
        IndexFor(vector.Length).Upsert(added.Id, vector);
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

        var existing = await store.GetAsync(BotId, sourceId);
        var deleted = await store.DeleteAsync(BotId, sourceId);
        _index?.Remove(sourceId);
        if (deleted && existing is not null)
        {
            await GrainFactory.ReleaseForBotAsync(BotId, KnowledgeQuota.ChargeOf(existing));
        }

        return deleted;
    }

    public async Task<KnowledgeSource> SyncSourceAsync(string sourceId)
    {
        var source = (Ids.IsWellFormed(sourceId) ? await store.GetAsync(BotId, sourceId) : null)
            ?? throw new NotFoundException("Source", sourceId);
        if (source.Type != SourceType.Qa || source.Question is null || source.Answer is null)
        {
            throw new ConflictException($"Source '{sourceId}' of type '{source.Type.ToString().ToLowerInvariant()}' cannot be re-indexed yet.");
        }

        var vector = await EmbedAsync(QaEmbeddingText.Of(source.Question, source.Answer));
        var now = StoredNow();
        if (!await store.UpdateIndexingAsync(BotId, sourceId, SourceStatus.Indexed, 1, null, vector, now))
        {
            // Deleted while it was being embedded.
            throw new NotFoundException("Source", sourceId);
        }

        IndexFor(vector.Length).Upsert(sourceId, vector);
        return source with { Status = SourceStatus.Indexed, Progress = 1, Error = null, UpdatedAt = now };
    }

    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int topK)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
        {
            throw new ValidationFailedException("query", $"Is required, at most {MaxQueryLength} characters.");
        }

        if (topK is < 1 or > MaxTopK)
        {
            throw new ValidationFailedException("topK", $"Must be between 1 and {MaxTopK}.");
        }

        // A bot without knowledge never needs the embedding model.
        if (_index is not { Count: > 0 })
        {
            return [];
        }

        var vector = await EmbedAsync(query);
        var ranked = _index.Search(vector, topK);
        var sources = await store.GetManyAsync(BotId, ranked.Select(r => r.Id).ToArray());
        var hits = new List<KnowledgeHit>(ranked.Count);
        foreach (var (id, score) in ranked)
        {
            // A source deleted during the search is left out.
            if (sources.TryGetValue(id, out var source))
            {
                hits.Add(new KnowledgeHit
                {
                    SourceId = id,
                    Score = score,
                    Title = source.Question ?? source.Title,
                    Url = source.Url,
                    Text = source.Answer ?? source.Text ?? "",
                    Question = source.Question,
                    Type = source.Type,
                });
            }
        }

        return hits;
    }

    public Task<int> CountIndexedAsync() => Task.FromResult(_index?.Count ?? 0);

    public async Task ClearAsync()
    {
        var deleted = await store.DeleteAllAsync(BotId);
        _index?.Clear();
        LogCleared(BotId, deleted);
    }

    private async Task<float[]> EmbedAsync(string text)
    {
        var generated = await embeddings.GenerateAsync([text]);
        return generated[0].Vector.ToArray();
    }

    /// <summary>The current time at the store's precision (milliseconds), so what a call returns equals what a later read gives.</summary>
    private static DateTimeOffset StoredNow() => DbCommandExtensions.FromUnixMs(DateTimeOffset.UtcNow.ToUnixMs());

    private VectorIndex IndexFor(int dimensions)
    {
        _index ??= new VectorIndex(dimensions);
        return _index;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge of chatbot {BotId} loaded with {Count} indexed Q&A pairs")]
    private partial void LogLoaded(string botId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge of chatbot {BotId}: {Count} stored embeddings do not have the model's {Dimensions} dimensions and are left out of search until their sources are synced")]
    private partial void LogStaleEmbeddings(string botId, int count, int dimensions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge of chatbot {BotId} cleared: {Count} sources deleted")]
    private partial void LogCleared(string botId, int count);
}
