namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// The durable side of a namespace (the chunk table): which chunks exist at which version, and their embeddings.
/// An index that restarts after a crash reconciles itself against it.
/// </summary>
public interface IVectorRecordSource
{
    /// <summary>Every chunk of the bot that belongs in the namespace, with the current version of its vector.</summary>
    IAsyncEnumerable<(string Id, long Version)> ListVersionsAsync(string botId, CancellationToken cancellationToken);

    /// <summary>The records of the given chunks that still exist.</summary>
    IAsyncEnumerable<VectorRecord> ReadAsync(string botId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}
