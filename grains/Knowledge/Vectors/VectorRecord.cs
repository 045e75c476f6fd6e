namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// One chunk's embedding as a store holds it: the chunk id, its vector, the source it belongs to (for filtering and
/// deleting by source) and the chunk row's vector version (raised whenever the chunk is embedded again), which lets an
/// index that missed writes catch up from the table: a record whose version differs from the table's is applied again.
/// </summary>
public sealed record VectorRecord(string Id, float[] Vector, string SourceId, long Version = 0);
