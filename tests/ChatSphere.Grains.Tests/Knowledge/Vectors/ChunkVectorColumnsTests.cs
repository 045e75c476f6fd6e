using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

public sealed class ChunkVectorDatabases : IAsyncLifetime
{
    public MigratedDatabases Databases { get; } = new();

    public Task InitializeAsync() => Databases.CreateAsync();

    public Task DisposeAsync() => Databases.DisposeAsync().AsTask();
}

/// <summary>
/// The chunk table's record of which model made each vector, at which version (migration 320), on SQLite and on
/// PostgreSQL: what reconciliation reads, and how chunks of another model are embedded again.
/// </summary>
public sealed class ChunkVectorColumnsTests(ChunkVectorDatabases fixture) : IClassFixture<ChunkVectorDatabases>
{
    private const string Model = "openai:current@2";
    private const string OldModel = "openai:old@2";

    public static TheoryData<string> Providers() => new() { "sqlite", "postgres" };

    [Theory, MemberData(nameof(Providers))]
    public async Task Chunks_are_read_by_model_and_embedded_again_only_if_unchanged_since_they_were_read(string provider)
    {
        var database = fixture.Databases[provider];
        var sources = new SourceStore(database);
        var chunks = new ChunkStore(database);
        var botId = Ids.New("bot");
        var source = new KnowledgeSource
        {
            Id = Ids.New("src"), BotId = botId, Type = SourceType.Qa, Status = SourceStatus.Indexed, Title = "Q1",
            Question = "Where is the station?", Answer = "Next to the park.", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        await sources.InsertAsync(source, new PageUpdate
        {
            Page = new IngestedPage { PageKey = "", ContentHash = "h", Characters = 1, ChunkCount = 2, FetchedAt = DateTimeOffset.UtcNow },
            Added =
            [
                new NewChunk { ChunkId = "chk_current", Title = "Q1", Text = "Next to the park.", ContentHash = "c1", Embedding = [1, 0], EmbeddingModel = Model },
                new NewChunk { ChunkId = "chk_old", Title = "Q1", Text = "Next to the park.", ContentHash = "c2", Embedding = [0, 1], EmbeddingModel = OldModel },
            ],
        });
        // A row as stored before migration 320: it takes the columns' defaults.
        await using (var connection = await database.OpenAsync())
        {
            await connection.Command(
                "INSERT INTO cs_knowledge_chunks (bot_id, chunk_id, source_id, page_key, text, start_offset, end_offset, content_hash, embedding, created_at) "
                + "VALUES (@bot, 'chk_legacy', @source, '', 'Old text', 0, 8, 'c3', @embedding, 1)")
                .With("bot", botId).With("source", source.Id).With("embedding", new byte[8]).ExecuteNonQueryAsync();
        }

        Assert.Equal([("chk_current", ChunkStore.FirstVectorVersion)], await ToListAsync(chunks.ListVectorVersionsAsync(botId, Model)));
        var read = await ToListAsync(chunks.ReadVectorsAsync(botId, Model, ["chk_current", "chk_old", "chk_missing"]));
        var current = Assert.Single(read);
        Assert.Equal(("chk_current", source.Id, 1L), (current.ChunkId, current.SourceId, current.Version));
        Assert.Equal(new float[] { 1, 0 }, current.Vector);
        var other = await chunks.ListOtherModelAsync(botId, Model, 10);
        Assert.Equal(["chk_legacy", "chk_old"], other.Select(c => c.Chunk.ChunkId).Order());
        Assert.All(other, c => Assert.Equal((SourceType.Qa, "Where is the station?"), (c.SourceType, c.Question)));
        Assert.Equal("embedded:all-MiniLM-L6-v2", other.Single(c => c.Chunk.ChunkId == "chk_legacy").Chunk.EmbeddingModel);
        Assert.Equal(2, await chunks.CountOtherModelAsync(botId, Model));

        // chk_legacy changed since it was read (another writer embedded it): it is left alone.
        var updated = await chunks.ReplaceEmbeddingsAsync(botId, Model, [new("chk_old", OldModel, [0.5f, 0.5f]), new("chk_legacy", OldModel, [1, 1])]);

        Assert.Equal([("chk_old", 2L)], updated.Select(u => (u.ChunkId, u.Version)));
        var texts = (await ToListAsync(chunks.ReadTextsAsync(botId))).ToDictionary(c => c.ChunkId);
        Assert.Equal((Model, 2L), (texts["chk_old"].EmbeddingModel, texts["chk_old"].VectorVersion));
        Assert.Equal(("embedded:all-MiniLM-L6-v2", 1L), (texts["chk_legacy"].EmbeddingModel, texts["chk_legacy"].VectorVersion));
        Assert.Equal(new float[] { 0.5f, 0.5f }, (await ToListAsync(chunks.ReadVectorsAsync(botId, Model, ["chk_old"]))).Single().Vector);
        Assert.Equal(1, await chunks.CountOtherModelAsync(botId, Model));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
