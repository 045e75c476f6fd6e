using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge.Search;

/// <summary>
/// Exact nearest-neighbour search over the chunks' embeddings (<see cref="VectorIndex"/>), in memory; the query is
/// embedded with the same model. Chunks whose vectors have other dimensions than the model's are left out.
/// </summary>
public sealed class ExactVectorRetriever(string botId, KnowledgeEmbedder embeddings) : IKnowledgeRetriever
{
    private readonly Dictionary<string, HashSet<string>> _chunksBySource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sourceByChunk = new(StringComparer.Ordinal);
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

    /// <summary>Only vectors are searched here: the texts are not kept.</summary>
    public Task LoadTextsAsync(IReadOnlyList<ChunkText> chunks) => Task.CompletedTask;

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
            records.Add(new RetrievalChunk(record.Id, record.SourceId, "", "", "", record.Vector, record.Version));
        }

        Upsert(records);
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
            }
        }
    }

    private void Clear()
    {
        _index?.Clear();
        _chunksBySource.Clear();
        _sourceByChunk.Clear();
    }

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, int topK, CancellationToken cancellationToken = default)
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

        return _index.Search(vector, topK).Select(r => new RetrievedChunk(r.Id, r.Score)).ToArray();
    }
}

/// <summary>The default: exact vector search per bot.</summary>
public sealed class ExactVectorRetrieverFactory(KnowledgeEmbedder embeddings) : IKnowledgeRetrieverFactory
{
    public IKnowledgeRetriever Create(string botId) => new ExactVectorRetriever(botId, embeddings);
}
