using System.Numerics.Tensors;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// The vectors of one chatbot: which record sits under which numeric key, the records of each source, and the
/// search structure (exact while small, HNSW from <see cref="EmbeddedVectorStoreOptions.ExactSearchLimit"/> on).
/// Not thread-safe: <see cref="EmbeddedVectorStore"/> guards it with a reader-writer lock.
/// </summary>
internal sealed class VectorNamespace : IDisposable
{
    /// <summary>Filtered HNSW queries keeping at most this many records are answered exactly over them.</summary>
    private const int ExactFilterLimit = 4096;

    private readonly Dictionary<string, VectorEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, VectorEntry> _byKey = [];
    private readonly Dictionary<string, HashSet<string>> _bySource = new(StringComparer.Ordinal);
    private readonly EmbeddedVectorStoreOptions _options;
    private IVectorSet? _set;
    private ulong _nextKey = 1;

    public VectorNamespace(EmbeddedVectorStoreOptions options) => _options = options;

    public int Count => _entries.Count;

    public int Dimensions => _set?.Dimensions ?? 0;

    public bool UsesHnsw => _set is HnswVectorSet;

    /// <summary>Changes since the namespace was last saved or loaded.</summary>
    public int PendingChanges { get; set; }

    /// <summary>The embedding model whose vectors these are (see <see cref="VectorSpace.Model"/>); empty until a reconciliation names it.</summary>
    public string Model { get; set; } = "";

    /// <summary>True when the saved namespace could not be read, so this one started empty.</summary>
    public bool Damaged { get; set; }

    public IEnumerable<VectorEntry> Entries => _entries.Values;

    public void Upsert(VectorRecord record)
    {
        ArgumentException.ThrowIfNullOrEmpty(record.Id);
        ArgumentNullException.ThrowIfNull(record.Vector);
        _set ??= new ExactVectorSet(record.Vector.Length);
        if (record.Vector.Length != _set.Dimensions)
        {
            throw new ArgumentException($"Expected a {_set.Dimensions}-dimensional vector for {record.Id}, got {record.Vector.Length}.", nameof(record));
        }

        Remove(record.Id);
        var unit = Unit(record.Vector);
        var entry = new VectorEntry(record.Id, _nextKey++, record.SourceId, record.Version);
        _set.Add(entry.Key, unit);
        _entries.Add(entry.Id, entry);
        _byKey.Add(entry.Key, entry);
        if (!_bySource.TryGetValue(entry.SourceId, out var ids))
        {
            _bySource[entry.SourceId] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(entry.Id);
        PendingChanges++;
        if (_set is ExactVectorSet exact && exact.Count >= _options.ExactSearchLimit)
        {
            _set = ToHnsw(exact);
        }
    }

    public bool Remove(string id)
    {
        if (!_entries.Remove(id, out var entry))
        {
            return false;
        }

        _byKey.Remove(entry.Key);
        _set!.Remove(entry.Key);
        var ids = _bySource[entry.SourceId];
        ids.Remove(id);
        if (ids.Count == 0)
        {
            _bySource.Remove(entry.SourceId);
        }

        PendingChanges++;
        return true;
    }

    public int RemoveSource(string sourceId)
    {
        if (!_bySource.TryGetValue(sourceId, out var ids))
        {
            return 0;
        }

        var removed = 0;
        foreach (var id in ids.ToArray())
        {
            removed += Remove(id) ? 1 : 0;
        }

        return removed;
    }

    public IReadOnlyList<VectorMatch> Query(VectorQuery query)
    {
        if (_set is null || query.TopK <= 0 || Count == 0)
        {
            return [];
        }

        if (query.Vector.Length != _set.Dimensions)
        {
            throw new ArgumentException($"Expected a {_set.Dimensions}-dimensional query, got {query.Vector.Length}.", nameof(query));
        }

        var unit = Unit(query.Vector);
        var found = query.SourceIds is { } sources ? Filtered(unit, query.TopK, sources) : _set.Search(unit, query.TopK, keep: null);
        var matches = new VectorMatch[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var entry = _byKey[found[i].Key];
            matches[i] = new VectorMatch(entry.Id, found[i].Score, entry.SourceId, query.IncludeVectors ? _set.Get(entry.Key) : null);
        }

        return matches;
    }

    /// <summary>Forgets every record (the search structure too, so the next record may have other dimensions).</summary>
    public void Clear()
    {
        _set?.Dispose();
        _set = null;
        _entries.Clear();
        _byKey.Clear();
        _bySource.Clear();
        PendingChanges++;
    }

    public void Dispose() => _set?.Dispose();

    /// <summary>Puts a loaded search structure and its entries in place (see <see cref="VectorNamespaceFile"/>).</summary>
    internal void Restore(IVectorSet set, IEnumerable<VectorEntry> entries, ulong nextKey)
    {
        _set?.Dispose();
        _set = set;
        foreach (var entry in entries)
        {
            _entries.Add(entry.Id, entry);
            _byKey.Add(entry.Key, entry);
            if (!_bySource.TryGetValue(entry.SourceId, out var ids))
            {
                _bySource[entry.SourceId] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(entry.Id);
        }

        _nextKey = nextKey;
        PendingChanges = 0;
    }

    internal IVectorSet? Set => _set;

    internal ulong NextKey => _nextKey;

    private IReadOnlyList<(ulong Key, float Score)> Filtered(float[] unit, int k, IReadOnlySet<string> sources)
    {
        var kept = 0;
        foreach (var source in sources)
        {
            kept += _bySource.TryGetValue(source, out var ids) ? ids.Count : 0;
        }

        if (kept == 0)
        {
            return [];
        }

        if (_set is ExactVectorSet || kept > ExactFilterLimit)
        {
            return _set!.Search(unit, k, key => sources.Contains(_byKey[key].SourceId));
        }

        // Few records pass the filter: score exactly those instead of walking the graph for them.
        var scored = new List<(ulong Key, float Score)>(kept);
        foreach (var source in sources)
        {
            if (_bySource.TryGetValue(source, out var ids))
            {
                foreach (var id in ids)
                {
                    var key = _entries[id].Key;
                    scored.Add((key, TensorPrimitives.Dot(_set!.Get(key), unit)));
                }
            }
        }

        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        return scored.Count > k ? scored.GetRange(0, k) : scored;
    }

    private HnswVectorSet ToHnsw(ExactVectorSet exact)
    {
        var hnsw = HnswVectorSet.Create(exact.Dimensions, _options.Hnsw);
        foreach (var key in exact.Keys.ToArray())
        {
            hnsw.Add(key, exact.Get(key));
        }

        exact.Dispose();
        return hnsw;
    }

    private static float[] Unit(float[] vector)
    {
        var unit = new float[vector.Length];
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, unit);
        }

        return unit;
    }
}

/// <summary>One record's bookkeeping: its id, numeric key in the search structure, source and chunk version.</summary>
internal sealed record VectorEntry(string Id, ulong Key, string SourceId, long Version);
