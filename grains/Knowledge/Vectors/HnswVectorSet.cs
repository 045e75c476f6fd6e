using Cloud.Unum.USearch;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// Approximate search over a USearch HNSW graph (cosine metric). Filtered queries that keep few keys are answered
/// exactly over those keys; others ask the graph for more candidates until enough survive the filter.
/// </summary>
internal sealed class HnswVectorSet : IVectorSet
{
    private readonly USearchIndex _index;

    private HnswVectorSet(USearchIndex index, int dimensions)
    {
        _index = index;
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public int Count => checked((int)_index.Size());

    public static HnswVectorSet Create(int dimensions, HnswSettings settings) =>
        new(new USearchIndex(MetricKind.Cos, settings.Quantization, (ulong)dimensions, (ulong)settings.Connectivity,
            (ulong)settings.ExpansionAdd, (ulong)settings.ExpansionSearch, multi: false), dimensions);

    /// <summary>Loads an index saved by <see cref="Save"/> into memory.</summary>
    public static HnswVectorSet Load(string path, int dimensions)
    {
        var index = new USearchIndex(path, view: false);
        if ((int)index.Dimensions() != dimensions)
        {
            index.Dispose();
            throw new InvalidDataException($"The index {path} holds {index.Dimensions()}-dimensional vectors, not {dimensions}.");
        }

        return new HnswVectorSet(index, dimensions);
    }

    public void Add(ulong key, float[] unitVector) => _index.Add(key, unitVector);

    public void Remove(ulong key) => _index.Remove(key);

    public float[] Get(ulong key)
    {
        if (_index.Get(key, out float[] vector) == 0)
        {
            throw new KeyNotFoundException($"No vector under key {key}.");
        }

        return vector;
    }

    public IReadOnlyList<(ulong Key, float Score)> Search(float[] unitQuery, int k, Func<ulong, bool>? keep)
    {
        if (k <= 0 || Count == 0)
        {
            return [];
        }

        var wanted = keep is null ? k : k * 4;
        while (true)
        {
            var found = _index.Search(unitQuery, Math.Min(wanted, Count), out var keys, out var distances);
            var results = new List<(ulong Key, float Score)>(Math.Min(found, k));
            for (var i = 0; i < found && results.Count < k; i++)
            {
                if (keep is null || keep(keys[i]))
                {
                    results.Add((keys[i], 1f - distances[i]));
                }
            }

            if (results.Count == k || wanted >= Count)
            {
                return results;
            }

            wanted *= 4;
        }
    }

    public void Save(string path) => _index.Save(path);

    public void Dispose() => _index.Dispose();
}
