using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// One ranked result: the chunk (with its citation fields), its relevance <see cref="Score"/> in [0, 1] (what the
/// threshold and the answerer's fallback test), and the two signals it was fused from: the BM25 score and the cosine
/// similarity of the embeddings (null when the chunk was not among the nearest vectors). <see cref="Curated"/> marks a
/// Q&amp;A pair whose question matched strongly enough to be answered with as it is.
/// </summary>
public sealed record RetrievalHit(RetrievalChunk Chunk, double Score, double Keyword, double? Similarity, bool Curated)
{
    public KnowledgeHit ToKnowledgeHit() => new()
    {
        SourceId = Chunk.SourceId,
        Score = Score,
        Title = Chunk.HeadingPath is { Length: > 0 } heading && heading != Chunk.Title ? $"{Chunk.Title} › {heading}" : Chunk.Title,
        Url = Chunk.Url,
        Text = Chunk.Text,
        Question = Chunk.Question,
        Type = Chunk.Type,
        Heading = Chunk.HeadingPath is { Length: > 0 } path ? path : null,
        Curated = Curated,
    };
}
