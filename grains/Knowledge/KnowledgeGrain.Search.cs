using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Search;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge;

/// <summary>Searching the bot's knowledge, and keeping the retriever's index in step with the chunk table.</summary>
public sealed partial class KnowledgeGrain
{
    private static readonly TimeSpan IndexStepPeriod = TimeSpan.FromMilliseconds(200);
    private static readonly KnowledgeSettings DefaultSettings = new();

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

        var ranked = await _retriever.SearchAsync(query, KnowledgeHits.OptionsOf(settings, topK));
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
                hits.Add(KnowledgeHits.From(row, score) with { Curated = curated && row.Type == SourceType.Qa });
            }
        }

        return hits;
    }

    public Task<int> CountIndexedAsync() => Task.FromResult(_retriever.Count);

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
}
