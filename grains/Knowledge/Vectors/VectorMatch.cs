namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>A query result: the record's id and source, its cosine similarity to the query, and its vector when asked for.</summary>
public sealed record VectorMatch(string Id, float Score, string SourceId, float[]? Vector = null);
