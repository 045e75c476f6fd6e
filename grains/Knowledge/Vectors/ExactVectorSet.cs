using System.Numerics.Tensors;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// Exact search: unit vectors back to back in one array, every row scored with a SIMD dot product, the best k kept
/// in a small heap. The fastest choice while a namespace is small, and the reference the HNSW index is measured by.
/// </summary>
internal sealed class ExactVectorSet(int dimensions) : IVectorSet
{
    private readonly Dictionary<ulong, int> _rows = [];
    private ulong[] _keys = new ulong[16];
    private float[] _data = new float[16 * dimensions];

    public int Dimensions { get; } = dimensions;

    public int Count => _rows.Count;

    public IEnumerable<ulong> Keys => _keys.Take(Count);

    public void Add(ulong key, float[] unitVector)
    {
        var row = Count;
        if (row == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _data, _keys.Length * Dimensions);
        }

        _keys[row] = key;
        _rows.Add(key, row);
        unitVector.CopyTo(Row(row));
    }

    public void Remove(ulong key)
    {
        if (!_rows.Remove(key, out var row))
        {
            return;
        }

        // The last row moves into the hole, so the rows stay contiguous.
        var last = Count;
        if (row != last)
        {
            Row(last).CopyTo(Row(row));
            _keys[row] = _keys[last];
            _rows[_keys[row]] = row;
        }
    }

    public float[] Get(ulong key) => Row(_rows[key]).ToArray();

    public IReadOnlyList<(ulong Key, float Score)> Search(float[] unitQuery, int k, Func<ulong, bool>? keep)
    {
        if (k <= 0 || Count == 0)
        {
            return [];
        }

        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < Count; row++)
        {
            if (keep is not null && !keep(_keys[row]))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(Row(row), unitQuery);
            if (best.Count < k)
            {
                best.Enqueue(row, score);
            }
            else if (best.TryPeek(out _, out var weakest) && score > weakest)
            {
                best.DequeueEnqueue(row, score);
            }
        }

        var results = new (ulong Key, float Score)[best.Count];
        for (var i = results.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var score);
            results[i] = (_keys[row], score);
        }

        return results;
    }

    public void Dispose()
    {
    }

    private Span<float> Row(int row) => _data.AsSpan(row * Dimensions, Dimensions);
}
