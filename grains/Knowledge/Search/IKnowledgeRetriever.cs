namespace ChatSphere.Grains.Knowledge.Search;

/// <summary>
/// The search seam of one chatbot's knowledge grain: every chunk added, removed or searched goes through it. The
/// grain fills it from the chunk table on activation and keeps it in step with every write; the default is exact
/// vector search (<see cref="ExactVectorRetriever"/>). Not thread-safe: its grain owns it.
/// </summary>
public interface IKnowledgeRetriever
{
    /// <summary>How many chunks can be found.</summary>
    int Count { get; }

    /// <summary>Adds chunks, or replaces those stored under the same ids.</summary>
    void Upsert(IReadOnlyList<RetrievalChunk> chunks);

    void Remove(IReadOnlyCollection<string> chunkIds);

    /// <summary>Removes every chunk of a source.</summary>
    void RemoveSource(string sourceId);

    void Clear();

    /// <summary>The chunks that best answer <paramref name="query"/>, best first, at most <paramref name="topK"/>.</summary>
    Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, int topK, CancellationToken cancellationToken = default);
}

/// <summary>Makes the retriever of a chatbot (registered in DI; swap it to change how knowledge is searched).</summary>
public interface IKnowledgeRetrieverFactory
{
    IKnowledgeRetriever Create(string botId);
}

/// <summary>A chunk as a retriever indexes it.</summary>
public sealed record RetrievalChunk(string ChunkId, string SourceId, string Title, string HeadingPath, string Text, float[] Vector);

/// <summary>A ranked result: the chunk and its score (higher is better; cosine similarity for vector search).</summary>
public readonly record struct RetrievedChunk(string ChunkId, double Score);
