using Cloud.Unum.USearch;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// How the HNSW graph is built: the scalar type vectors are kept in (half precision by default: the same recall as
/// float32 on MiniLM vectors at half the memory, measured by the retrieval bench), the graph's connectivity and the
/// breadth of its searches when adding and querying.
/// </summary>
public sealed record HnswSettings
{
    public ScalarKind Quantization { get; init; } = ScalarKind.Float16;
    public int Connectivity { get; init; } = 16;
    public int ExpansionAdd { get; init; } = 128;
    public int ExpansionSearch { get; init; } = 64;
}
