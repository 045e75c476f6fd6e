namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>Where the embedded store keeps its namespaces and when it moves a namespace from exact search to HNSW.</summary>
public sealed record EmbeddedVectorStoreOptions
{
    /// <summary>The folder holding one sub-folder per namespace, beside the embedded shape's data.</summary>
    public required string Folder { get; init; }

    /// <summary>
    /// A namespace reaching this many records moves to an HNSW graph. Below it an exact SIMD scan answers in well
    /// under a millisecond on 2 cores and has perfect recall.
    /// </summary>
    public int ExactSearchLimit { get; init; } = 10_000;

    public HnswSettings Hnsw { get; init; } = new();

    /// <summary>A namespace is saved once this many changes accumulate (and on flush and disposal).</summary>
    public int SaveAfterChanges { get; init; } = 4_096;
}
