using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge;

/// <summary>How the knowledge grain's searches map to the retriever and back: settings to options, chunks to hits.</summary>
internal static class KnowledgeHits
{
    /// <summary>The bot's retrieval settings over the tuned defaults of <see cref="RetrievalOptions"/>.</summary>
    public static RetrievalOptions OptionsOf(KnowledgeSettings settings, int topK) => new()
    {
        TopK = topK,
        MinScore = settings.MinScore,
        MmrLambda = settings.MmrLambda,
        CuratedMinSimilarity = settings.CuratedMinSimilarity,
    };

    /// <summary>A stored chunk as a search hit: a Q&amp;A pair by its question, a page chunk by its title and heading.</summary>
    public static KnowledgeHit From(ChunkHitRow row, double score) => row.Type == SourceType.Qa
        ? new KnowledgeHit
        {
            SourceId = row.SourceId,
            Score = score,
            Title = row.Question ?? row.Title,
            Url = row.SourceUrl,
            Text = row.Text,
            Question = row.Question ?? row.Title,
            Type = row.Type,
        }
        : new KnowledgeHit
        {
            SourceId = row.SourceId,
            Score = score,
            Title = row.HeadingPath.Length > 0 && row.Title.Length > 0 ? $"{row.Title} > {row.HeadingPath}" : row.Title.Length > 0 ? row.Title : row.SourceTitle,
            Url = row.Type is SourceType.Url or SourceType.Website ? row.PageKey : row.SourceUrl,
            Text = row.Text,
            Type = row.Type,
            Heading = row.HeadingPath.Length > 0 ? row.HeadingPath : null,
            FileName = row.Type == SourceType.File ? row.FileName : null,
        };
}
