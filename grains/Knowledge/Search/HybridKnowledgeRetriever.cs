using ChatSphere.GrainInterfaces;
using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge.Search;

/// <summary>
/// A bot's knowledge searched by <see cref="HybridRetriever"/>: BM25 keywords fused with vector similarity from the
/// bot's namespace in the deployment's vector store (embedded or Pinecone). The query is embedded with the same model
/// as the chunks; while that model cannot be reached, search falls back to keywords alone.
/// </summary>
public sealed partial class HybridKnowledgeRetriever(string botId, IVectorStore vectors, KnowledgeEmbedder embeddings, ILogger logger)
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

    public Task LoadTextsAsync(IReadOnlyList<ChunkText> chunks)
    {
        _retriever.AddKeywords(chunks.Select(c => new Retrieval.RetrievalChunk
        {
            Id = c.ChunkId,
            SourceId = c.SourceId,
            Text = c.Text,
            Title = c.Title,
            HeadingPath = c.HeadingPath,
            Type = c.Type,
            Question = c.Question,
        }));
        return Task.CompletedTask;
    }

    public Task<ReconcileResult> ReconcileAsync(VectorSpace space, IVectorRecordSource table) => vectors.ReconcileAsync(botId, space, table);

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string query, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        using var span = ChatTracing.Start("chat.retrieve");
        if (Count == 0)
        {
            return [];
        }

        float[]? vector;
        try
        {
            vector = await embeddings.EmbedAsync(query, cancellationToken);
        }
        catch (EmbeddingFailedException failure)
        {
            LogKeywordsOnly(logger, failure, botId);
            vector = null;
        }

        var hits = await _retriever.SearchAsync(query, vector, options, cancellationToken);
        return hits.Select(hit => new RetrievedChunk(hit.Chunk.Id, hit.Score, hit.Curated)).ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chatbot {BotId}: the query could not be embedded, so it is searched by keywords alone")]
    private static partial void LogKeywordsOnly(ILogger logger, Exception failure, string botId);

    private static Retrieval.RetrievalChunk Indexed(RetrievalChunk chunk) => new()
    {
        Id = chunk.ChunkId,
        SourceId = chunk.SourceId,
        Text = chunk.Text,
        Title = chunk.Title,
        HeadingPath = chunk.HeadingPath,
        Embedding = chunk.Vector,
        Version = chunk.Version,
        Type = chunk.Type,
        Question = chunk.Question,
    };
}

/// <summary>Makes each chatbot's <see cref="HybridKnowledgeRetriever"/> over the deployment's vector store and
/// embedder.</summary>
public sealed class HybridKnowledgeRetrieverFactory(IVectorStore vectors, KnowledgeEmbedder embeddings, ILogger<HybridKnowledgeRetriever> logger)
    : IKnowledgeRetrieverFactory
{
    public IKnowledgeRetriever Create(string botId) => new HybridKnowledgeRetriever(botId, vectors, embeddings, logger);
}
