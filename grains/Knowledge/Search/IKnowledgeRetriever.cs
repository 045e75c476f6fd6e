using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge.Search;

/// <summary>
/// The search seam of one chatbot's knowledge grain: every chunk added, removed or searched goes through it. The
/// grain loads it from the chunk table on activation (texts, then the vector side reconciled) and keeps it in step with
/// every write; the default is exact hybrid keyword and vector search (<see cref="HybridKnowledgeRetriever"/>). Writes are the grain's alone (one at a
/// time); searches may interleave with them. Asynchronous, since a vector store may be remote.
/// </summary>
public interface IKnowledgeRetriever
{
    /// <summary>How many chunks can be found.</summary>
    int Count { get; }

    /// <summary>Adds chunks, or replaces those stored under the same ids.</summary>
    Task UpsertAsync(IReadOnlyList<RetrievalChunk> chunks);

    Task RemoveAsync(IReadOnlyCollection<string> chunkIds);

    /// <summary>Removes every chunk of a source.</summary>
    Task RemoveSourceAsync(string sourceId);

    /// <summary>Forgets every chunk (also what a vector store kept from an earlier activation).</summary>
    Task ClearAsync();

    /// <summary>On activation: makes the table's chunks searchable by their text (a retriever without a keyword side ignores them).</summary>
    Task LoadTextsAsync(IReadOnlyList<ChunkText> chunks);

    /// <summary>
    /// On activation: brings the vector side in step with the chunk table (<paramref name="table"/>: the chunks of the
    /// configured embedding model, <paramref name="space"/>) instead of rebuilding it.
    /// </summary>
    Task<ReconcileResult> ReconcileAsync(VectorSpace space, IVectorRecordSource table);

    /// <summary>
    /// The chunks that best answer <paramref name="query"/>, best first, at most <see cref="RetrievalOptions.TopK"/>,
    /// cut and diversified as the options say.
    /// </summary>
    Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default);
}

/// <summary>Makes the retriever of a chatbot (registered in DI; swap it to change how knowledge is searched).</summary>
public interface IKnowledgeRetrieverFactory
{
    IKnowledgeRetriever Create(string botId);
}

/// <summary>
/// A chunk as a retriever indexes it; <see cref="Version"/> is its vector version in the chunk table. A Q&amp;A pair is
/// one chunk of <see cref="SourceType.Qa"/> whose vector is its <see cref="Question"/>'s and whose text is the answer.
/// </summary>
public sealed record RetrievalChunk(
    string ChunkId, string SourceId, string Title, string HeadingPath, string Text, float[] Vector, long Version = ChunkStore.FirstVectorVersion)
{
    public SourceType Type { get; init; } = SourceType.Text;

    public string? Question { get; init; }
}

/// <summary>
/// A ranked result: the chunk, its score (higher is better, 0 to 1), and whether it is a Q&amp;A pair whose question
/// matched closely enough to be answered with as written.
/// </summary>
public readonly record struct RetrievedChunk(string ChunkId, double Score, bool Curated = false);
