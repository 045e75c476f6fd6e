using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Knowledge.Search;

/// <summary>
/// A bot's knowledge searched by <see cref="HybridRetriever"/>: BM25 keywords fused with vector similarity from the
/// bot's namespace in the deployment's vector store (embedded or Pinecone). The query is embedded with the same model
/// as the chunks.
/// </summary>
public sealed class HybridKnowledgeRetriever(string botId, IVectorStore vectors, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    : IKnowledgeRetriever
{
    private HybridRetriever _retriever = new(vectors, botId);

    public int Count => _retriever.Count;

    public Task UpsertAsync(IReadOnlyList<RetrievalChunk> chunks) =>
        chunks.Count == 0 ? Task.CompletedTask : _retriever.IndexAsync(chunks.Select(Indexed).ToArray());

    public Task RemoveAsync(IReadOnlyCollection<string> chunkIds) =>
        chunkIds.Count == 0 ? Task.CompletedTask : _retriever.RemoveAsync(chunkIds);

    public Task RemoveSourceAsync(string sourceId) => _retriever.RemoveSourceAsync(sourceId);

    public async Task ClearAsync()
    {
        await vectors.DeleteNamespaceAsync(botId);
        _retriever = new HybridRetriever(vectors, botId);
    }

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        if (Count == 0)
        {
            return [];
        }

        var vector = (await embeddings.GenerateAsync([query], cancellationToken: cancellationToken))[0].Vector.ToArray();
        var hits = await _retriever.SearchAsync(query, vector, options, cancellationToken);
        return hits.Select(hit => new RetrievedChunk(hit.Chunk.Id, hit.Score, hit.Curated)).ToArray();
    }

    private static Retrieval.RetrievalChunk Indexed(RetrievalChunk chunk) => new()
    {
        Id = chunk.ChunkId,
        SourceId = chunk.SourceId,
        Text = chunk.Text,
        Title = chunk.Title,
        HeadingPath = chunk.HeadingPath,
        Embedding = chunk.Vector,
        Type = chunk.Type,
        Question = chunk.Question,
    };
}

public sealed class HybridKnowledgeRetrieverFactory(IVectorStore vectors, IEmbeddingGenerator<string, Embedding<float>> embeddings)
    : IKnowledgeRetrieverFactory
{
    public IKnowledgeRetriever Create(string botId) => new HybridKnowledgeRetriever(botId, vectors, embeddings);
}
