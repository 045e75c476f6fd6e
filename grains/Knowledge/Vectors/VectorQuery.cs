namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// A similarity query: the vector, how many results, an optional set of sources to keep (null keeps all), and
/// whether results carry their vectors (diversity re-ranking needs them).
/// </summary>
public sealed record VectorQuery(float[] Vector, int TopK, IReadOnlySet<string>? SourceIds = null, bool IncludeVectors = false);
