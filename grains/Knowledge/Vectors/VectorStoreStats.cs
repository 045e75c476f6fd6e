namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>What a namespace holds: its record count and their dimensions (0 while empty).</summary>
public sealed record VectorStoreStats(long Count, int Dimensions);
