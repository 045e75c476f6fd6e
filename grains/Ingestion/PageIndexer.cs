using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion.Chunking;
using ChatSphere.Grains.Ingestion.Parsing;
using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Ingestion;

/// <summary>
/// Turns one parsed page into chunk changes: an unchanged page (same content and chunk settings) costs nothing;
/// otherwise it is chunked, chunks whose text is already stored keep their embedding, only new ones are embedded,
/// and stored chunks that no longer occur are deleted. Embedding goes to the knowledge base's model in batches of its
/// size; a failure of the model fails the page with the model's reason.
/// </summary>
public sealed class PageIndexer(ChunkStore chunks, KnowledgeEmbedder embeddings, TimeProvider time)
{
    /// <summary>The page's update, or null when it is unchanged since <paramref name="stored"/>.</summary>
    public async Task<PageUpdate?> IndexAsync(
        string botId, string sourceId, string pageKey, ParsedDocument document, IngestedPage? stored, KnowledgeSettings settings,
        Func<SourceStage, int, int, Task> progress, CancellationToken cancellationToken)
    {
        var plain = TextChunker.PlainText(document);
        var pageHash = ContentHash.Of($"{settings.ChunkTokens}/{settings.OverlapTokens}\n{document.Title}\n{plain}");
        if (stored is not null && stored.ContentHash == pageHash)
        {
            return null;
        }

        await progress(SourceStage.Chunking, 0, 0);
        var pieces = await Task.Run(
            () => TextChunker.Split(document, settings.ChunkTokens, settings.OverlapTokens, ModelTokenizer.MiniLm), cancellationToken);
        var existing = await chunks.ListPageChunksAsync(botId, sourceId, pageKey, cancellationToken);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var positions = new List<ChunkPosition>();
        var fresh = new List<(TextChunk Piece, string Hash)>();
        foreach (var piece in pieces)
        {
            var hash = ContentHash.Of(document.Title + "\n" + piece.HeadingPath + "\n" + piece.Text);
            if (existing.TryGetValue(hash, out var keptId))
            {
                if (kept.Add(hash))
                {
                    positions.Add(new ChunkPosition(keptId, piece.Start, piece.End));
                }
            }
            else if (fresh.All(f => f.Hash != hash))
            {
                fresh.Add((piece, hash));
            }
        }

        var added = new List<NewChunk>(fresh.Count);
        await progress(SourceStage.Embedding, 0, fresh.Count);
        foreach (var batch in fresh.Chunk(embeddings.BatchSize))
        {
            var vectors = await EmbedAsync(batch.Select(f => ChunkEmbeddingText.Of(document.Title, f.Piece.HeadingPath, f.Piece.Text)).ToArray(), cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                added.Add(new NewChunk
                {
                    ChunkId = Ids.New("chk"),
                    Title = document.Title,
                    HeadingPath = batch[i].Piece.HeadingPath,
                    Text = batch[i].Piece.Text,
                    StartOffset = batch[i].Piece.Start,
                    EndOffset = batch[i].Piece.End,
                    ContentHash = batch[i].Hash,
                    Embedding = vectors[i],
                    EmbeddingModel = embeddings.Space.Model,
                });
            }

            await progress(SourceStage.Embedding, added.Count, fresh.Count);
        }

        return new PageUpdate
        {
            Page = new IngestedPage
            {
                PageKey = pageKey,
                Title = document.Title,
                ContentHash = pageHash,
                Characters = plain.Length,
                ChunkCount = kept.Count + added.Count,
                FetchedAt = time.GetUtcNow(),
            },
            Added = added,
            RemovedChunkIds = existing.Where(e => !kept.Contains(e.Key)).Select(e => e.Value).ToArray(),
            Kept = positions,
        };
    }

    private async Task<IReadOnlyList<float[]>> EmbedAsync(string[] texts, CancellationToken cancellationToken)
    {
        try
        {
            return await embeddings.EmbedAsync(texts, cancellationToken);
        }
        catch (EmbeddingFailedException failure)
        {
            throw new IngestionException(failure.Message, failure);
        }
    }
}
