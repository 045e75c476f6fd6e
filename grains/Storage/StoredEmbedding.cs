namespace ChatSphere.Grains.Storage;

/// <summary>The stored embedding of one source.</summary>
public sealed record StoredEmbedding(string SourceId, float[] Vector);
