namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>The search structure under one namespace: unit vectors by numeric key. Callers serialise writes.</summary>
internal interface IVectorSet : IDisposable
{
    int Dimensions { get; }

    int Count { get; }

    /// <summary>Adds a unit vector under a key that is not in the set.</summary>
    void Add(ulong key, float[] unitVector);

    void Remove(ulong key);

    /// <summary>A copy of the vector stored under the key.</summary>
    float[] Get(ulong key);

    /// <summary>Up to <paramref name="k"/> keys by descending cosine similarity; <paramref name="keep"/> filters keys when given.</summary>
    IReadOnlyList<(ulong Key, float Score)> Search(float[] unitQuery, int k, Func<ulong, bool>? keep);
}
