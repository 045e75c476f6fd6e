namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// Embeddings of one deployment's chunks, one namespace per chatbot (the namespace is the bot id). A store only
/// indexes vectors: chunk text and metadata live in the database, so any store can be rebuilt from there.
/// </summary>
public interface IVectorStore
{
    /// <summary>Adds the records, or replaces those stored under the same ids.</summary>
    Task UpsertAsync(string @namespace, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The records most similar to the query vector (cosine similarity), best first.</summary>
    Task<IReadOnlyList<VectorMatch>> QueryAsync(string @namespace, VectorQuery query, CancellationToken cancellationToken = default);

    /// <summary>Removes the records with these ids; unknown ids are ignored.</summary>
    Task DeleteAsync(string @namespace, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Removes every record of one training source.</summary>
    Task DeleteBySourceAsync(string @namespace, string sourceId, CancellationToken cancellationToken = default);

    /// <summary>Removes the whole namespace (the bot was deleted).</summary>
    Task DeleteNamespaceAsync(string @namespace, CancellationToken cancellationToken = default);

    Task<VectorStoreStats> GetStatsAsync(string @namespace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the namespace in step with the chunk table (<paramref name="source"/>, the truth) for the vectors of
    /// <paramref name="space"/>: records whose chunk is gone are removed, chunks missing or of another version are
    /// (re)applied from the table, the rest is kept as it is. Called when a knowledge grain activates, instead of
    /// rebuilding the namespace.
    /// </summary>
    Task<ReconcileResult> ReconcileAsync(string @namespace, VectorSpace space, IVectorRecordSource source, CancellationToken cancellationToken = default);
}
