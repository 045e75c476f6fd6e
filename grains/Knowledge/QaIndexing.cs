using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion;

namespace ChatSphere.Grains.Knowledge;

/// <summary>A Q&amp;A pair is one page (key "") with one chunk: the question's embedding, the answer as its text.</summary>
internal static class QaIndexing
{
    public const string PageKey = "";

    public static (KnowledgeSource Source, PageUpdate Indexed) NewSource(
        string botId, string question, string answer, float[] vector, string model, DateTimeOffset now)
    {
        var source = new KnowledgeSource
        {
            Id = Ids.New("src"),
            BotId = botId,
            Type = SourceType.Qa,
            Status = SourceStatus.Indexed,
            Progress = 1,
            Title = QaSourceRules.TitleOf(question),
            Question = question,
            Answer = answer,
            CreatedAt = now,
            UpdatedAt = now,
            Pages = 1,
            Chunks = 1,
            Characters = question.Length + answer.Length,
            LastSyncedAt = now,
            ContentHash = HashOf(question, answer),
        };
        return (source, PageOf(question, answer, vector, model, now));
    }

    /// <summary>The pair's page; <paramref name="model"/> names the embedding model that made <paramref name="vector"/>.</summary>
    public static PageUpdate PageOf(string question, string answer, float[] vector, string model, DateTimeOffset now)
    {
        var hash = HashOf(question, answer);
        return new PageUpdate
        {
            Page = new IngestedPage
            {
                PageKey = PageKey,
                Title = QaSourceRules.TitleOf(question),
                ContentHash = hash,
                Characters = question.Length + answer.Length,
                ChunkCount = 1,
                FetchedAt = now,
            },
            Added =
            [
                new NewChunk
                {
                    ChunkId = Ids.New("chk"),
                    Title = QaSourceRules.TitleOf(question),
                    Text = answer,
                    StartOffset = 0,
                    EndOffset = answer.Length,
                    ContentHash = hash,
                    Embedding = vector,
                    EmbeddingModel = model,
                },
            ],
        };
    }

    public static SourceProgress Indexed(string question, string answer, DateTimeOffset now) => new()
    {
        Status = SourceStatus.Indexed,
        Pages = 1,
        Chunks = 1,
        Characters = question.Length + answer.Length,
        LastSyncedAt = now,
        ContentHash = HashOf(question, answer),
    };

    private static string HashOf(string question, string answer) => ContentHash.Of(question + "\n\u001f\n" + answer);
}
