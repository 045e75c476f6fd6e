using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge.Search;

/// <summary>
/// Exact nearest-neighbour search over the chunks' embeddings (<see cref="VectorIndex"/>), in memory; the query is
/// embedded with the same model. Chunks whose vectors have other dimensions than the model's are left out. Of
/// <see cref="RetrievalOptions"/> it honours the top k, the score threshold (on cosine similarity) and the curated
/// Q&amp;A similarity; it does not diversify.
/// </summary>
public sealed class ExactVectorRetriever(string botId, KnowledgeEmbedder embeddings) : IKnowledgeRetriever
{
    private readonly Dictionary<string, HashSet<string>> _chunksBySource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sourceByChunk = new(StringComparer.Ordinal);
    private readonly HashSet<string> _curatable = new(StringComparer.Ordinal);
    /// <summary>The Q&amp;A chunks the table named on activation, for the vectors reconciled after them.</summary>
    private readonly HashSet<string> _qaInTable = new(StringComparer.Ordinal);
    private readonly int? _dimensions = embeddings.Space.Dimensions > 0 ? embeddings.Space.Dimensions : null;
    private VectorIndex? _index;

    public int Count => _index?.Count ?? 0;

    /// <summary>Chunks refused because their vectors do not fit the index.</summary>
    public int Skipped { get; private set; }

    public Task UpsertAsync(IReadOnlyList<RetrievalChunk> chunks)
    {
        Upsert(chunks);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyCollection<string> chunkIds)
    {
        Remove(chunkIds);
        return Task.CompletedTask;
    }

    public Task RemoveSourceAsync(string sourceId)
    {
        RemoveSource(sourceId);
        return Task.CompletedTask;
    }

    public Task ClearAsync()
    {
        Clear();
        return Task.CompletedTask;
    }

    /// <summary>Only vectors are searched here: the texts are not kept, only which chunks are Q&amp;A pairs.</summary>
    public Task LoadTextsAsync(IReadOnlyList<ChunkText> chunks)
    {
        _qaInTable.UnionWith(chunks.Where(c => c.Type == SourceType.Qa).Select(c => c.ChunkId));
        return Task.CompletedTask;
    }

    /// <summary>An index in memory starts empty at every activation: everything of the model is read from the table.</summary>
    public async Task<ReconcileResult> ReconcileAsync(VectorSpace space, IVectorRecordSource table)
    {
        Clear();
        var ids = new List<string>();
        await foreach (var (id, _) in table.ListVersionsAsync(botId, CancellationToken.None))
        {
            ids.Add(id);
        }

        var records = new List<RetrievalChunk>(ids.Count);
        await foreach (var record in table.ReadAsync(botId, ids, CancellationToken.None))
        {
            records.Add(new RetrievalChunk(record.Id, record.SourceId, "", "", "", record.Vector, record.Version)
            {
                Type = _qaInTable.Contains(record.Id) ? SourceType.Qa : SourceType.Text,
            });
        }

        Upsert(records);
        _qaInTable.Clear();
        return new ReconcileResult(0, records.Count, Reset: true);
    }

    private void Upsert(IReadOnlyList<RetrievalChunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            _index ??= new VectorIndex(_dimensions ?? chunk.Vector.Length);
            if (chunk.Vector.Length != _index.Dimensions)
            {
                Skipped++;
                continue;
            }

            _index.Upsert(chunk.ChunkId, chunk.Vector);
            if (_sourceByChunk.TryGetValue(chunk.ChunkId, out var previous) && previous != chunk.SourceId)
            {
                _chunksBySource[previous].Remove(chunk.ChunkId);
            }

            _sourceByChunk[chunk.ChunkId] = chunk.SourceId;
            if (chunk.Type == SourceType.Qa)
            {
                _curatable.Add(chunk.ChunkId);
            }
            else
            {
                _curatable.Remove(chunk.ChunkId);
            }

            if (!_chunksBySource.TryGetValue(chunk.SourceId, out var set))
            {
                _chunksBySource[chunk.SourceId] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(chunk.ChunkId);
        }
    }

    private void Remove(IReadOnlyCollection<string> chunkIds)
    {
        foreach (var chunkId in chunkIds)
        {
            _index?.Remove(chunkId);
            _curatable.Remove(chunkId);
            if (_sourceByChunk.Remove(chunkId, out var sourceId) && _chunksBySource.TryGetValue(sourceId, out var set))
            {
                set.Remove(chunkId);
                if (set.Count == 0)
                {
                    _chunksBySource.Remove(sourceId);
                }
            }
        }
    }

    private void RemoveSource(string sourceId)
    {
        if (_chunksBySource.Remove(sourceId, out var chunkIds))
        {
            foreach (var chunkId in chunkIds)
            {
                _index?.Remove(chunkId);
                _sourceByChunk.Remove(chunkId);
                _curatable.Remove(chunkId);
            }
        }
    }

    private void Clear()
    {
        _index?.Clear();
        _chunksBySource.Clear();
        _sourceByChunk.Clear();
        _curatable.Clear();
    }

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        // A bot without knowledge never needs the embedding model.
        if (_index is not { Count: > 0 })
        {
            return [];
        }

        var vector = await embeddings.EmbedAsync(query, cancellationToken);
        if (vector.Length != _index.Dimensions)
        {
            return [];
        }

        // Cosine similarity is the score: the threshold applies to it, and a Q&A pair's question close enough is curated.
        return _index.Search(vector, options.TopK)
            .Where(r => r.Score >= options.MinScore)
            .Select(r => new RetrievedChunk(r.Id, r.Score, _curatable.Contains(r.Id) && r.Score >= options.CuratedMinSimilarity))
            .ToArray();
    }
}

/// <summary>The default: exact vector search per bot.</summary>
public sealed class ExactVectorRetrieverFactory(KnowledgeEmbedder embeddings) : IKnowledgeRetrieverFactory
{
    public IKnowledgeRetriever Create(string botId) => new ExactVectorRetriever(botId, embeddings);
}
