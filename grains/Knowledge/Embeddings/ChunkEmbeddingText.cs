using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge.Embeddings;

/// <summary>
/// What is embedded for a chunk: where it sits (its heading path, else its title), then its text; a Q&amp;A pair
/// embeds its question (<see cref="QaEmbeddingText"/>). Ingestion and re-embedding after a model change use the same
/// text, so a chunk gets the same vector either way.
/// </summary>
public static class ChunkEmbeddingText
{
    public static string Of(string title, string headingPath, string text)
    {
        var context = headingPath.Length > 0 ? headingPath : title;
        return context.Length > 0 && !text.StartsWith(context, StringComparison.Ordinal) ? context + "\n" + text : text;
    }

    public static string Of(ChunkToEmbed chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return chunk.SourceType == SourceType.Qa
            ? QaEmbeddingText.Of(chunk.Question ?? chunk.Chunk.Title, chunk.Chunk.Text)
            : Of(chunk.Chunk.Title, chunk.Chunk.HeadingPath, chunk.Chunk.Text);
    }
}
