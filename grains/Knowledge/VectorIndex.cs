using System.Numerics.Tensors;

namespace ChatSphere.Grains.Knowledge;

/// <summary>
/// An exact nearest-neighbour index over unit vectors kept back to back in one flat array: a search scores every
/// vector (the dot product of unit vectors is their cosine similarity) and keeps the best k. Vectors are
/// normalised on the way in, so any embedding model's output can be added. Not thread-safe: its grain owns it.
/// </summary>
internal sealed class VectorIndex(int dimensions)
{
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private float[] _vectors = new float[dimensions * 16];

    public int Dimensions { get; } = dimensions;

    public int Count => _ids.Count;

    public bool Contains(string id) => _rows.ContainsKey(id);

    /// <summary>Adds a vector, or replaces the one stored under the same id.</summary>
    public void Upsert(string id, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Expected a {Dimensions}-dimensional vector, got {vector.Length}.", nameof(vector));
        }

        if (!_rows.TryGetValue(id, out var row))
        {
            row = _ids.Count;
            if ((row + 1) * Dimensions > _vectors.Length)
            {
                Array.Resize(ref _vectors, _vectors.Length * 2);
            }

            _ids.Add(id);
            _rows.Add(id, row);
        }

        var target = Row(row);
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, target);
        }
        else
        {
            target.Clear();
        }
    }

    /// <summary>Removes a vector; the last row moves into its place. False if the id was not there.</summary>
    public bool Remove(string id)
    {
        if (!_rows.Remove(id, out var row))
        {
            return false;
        }

        var last = _ids.Count - 1;
        if (row != last)
        {
            Row(last).CopyTo(Row(row));
            _ids[row] = _ids[last];
            _rows[_ids[row]] = row;
        }

        _ids.RemoveAt(last);
        return true;
    }

    public void Clear()
    {
        _ids.Clear();
        _rows.Clear();
    }

    /// <summary>The ids of the <paramref name="k"/> vectors most similar to <paramref name="query"/>, best first, with their cosine similarity.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Expected a {Dimensions}-dimensional query, got {query.Length}.", nameof(query));
        }

        if (k <= 0 || _ids.Count == 0)
        {
            return [];
        }

        var norm = TensorPrimitives.Norm(query);
        if (norm == 0)
        {
            return [];
        }

        var unit = new float[Dimensions];
        TensorPrimitives.Divide(query, norm, unit);

        // A min-heap of the best k so far: its root is the weakest of them.
        var best = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < _ids.Count; row++)
        {
            var score = TensorPrimitives.Dot(Row(row), unit);
            if (best.Count < k)
            {
                best.Enqueue(row, score);
            }
            else if (best.TryPeek(out _, out var weakest) && score > weakest)
            {
                best.DequeueEnqueue(row, score);
            }
        }

        var results = new (string Id, float Score)[best.Count];
        for (var i = results.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var score);
            results[i] = (_ids[row], score);
        }

        return results;
    }

    private Span<float> Row(int row) => _vectors.AsSpan(row * Dimensions, Dimensions);
}
