using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Knowledge;

/// <summary>One migrated SQLite database and one fresh PostgreSQL database (the test server is required).</summary>
public sealed class SourceStoreDatabases : IAsyncLifetime
{
    private readonly TestSqlite _sqlite = new();
    private readonly TestPostgres _postgres = new();
    private readonly List<ChatSphereDatabase> _databases = [];

    public Dictionary<string, SourceStore> Stores { get; } = [];

    public Dictionary<string, ChunkStore> Chunks { get; } = [];

    public async Task InitializeAsync()
    {
        await OpenAsync("sqlite", _sqlite.DatabaseOptions);
        await OpenAsync("postgres", await _postgres.CreateDatabaseOptionsAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        await _postgres.DisposeAsync();
        _sqlite.Dispose();
    }

    private async Task OpenAsync(string provider, DatabaseOptions options)
    {
        await TestSchema.ApplyAsync(options);
        var database = new ChatSphereDatabase(Options.Create(options));
        _databases.Add(database);
        Stores[provider] = new SourceStore(database);
        Chunks[provider] = new ChunkStore(database);
    }
}

/// <summary>The knowledge table's data access, on SQLite and on PostgreSQL.</summary>
public sealed class SourceStoreTests(SourceStoreDatabases databases) : IClassFixture<SourceStoreDatabases>
{
    public static TheoryData<string> Providers() => new() { "sqlite", "postgres" };

    [Theory, MemberData(nameof(Providers))]
    public async Task A_source_reads_back_as_written(string provider)
    {
        var store = databases.Stores[provider];
        var botId = Ids.New("bot");
        var source = Qa(botId, "How do I pay?", "By card or bank transfer.", DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123)) with
        {
            Status = SourceStatus.Processing,
            Progress = 0.25,
            Error = "not yet",
            Url = "https://example.com/faq#pay",
        };

        await store.InsertAsync(source, null);

        Assert.Equal(source, await store.GetAsync(botId, source.Id));
        Assert.Null(await store.GetAsync(botId, "src_missing"));
        Assert.Null(await store.GetAsync(Ids.New("bot"), source.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Pages_go_newest_first_without_gaps_or_repeats(string provider)
    {
        var store = databases.Stores[provider];
        var botId = Ids.New("bot");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
        var sources = new List<KnowledgeSource>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs share a creation time, so the id has to break the tie.
            var source = Qa(botId, $"Question {i}", $"Answer {i}", start.AddMilliseconds(i / 2));
            sources.Add(source);
            await store.InsertAsync(source, null);
        }

        await store.InsertAsync(Qa(Ids.New("bot"), "Other bot", "Not listed", start), null);

        var seen = new List<KnowledgeSource>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(botId, cursor, 3);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        var expected = sources.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id);
        Assert.Equal(expected, seen.Select(s => s.Id));
        Assert.Equal(3, pages);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_cursor_it_did_not_hand_out_is_refused(string provider)
    {
        var store = databases.Stores[provider];

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => store.ListAsync(Ids.New("bot"), "not-a-cursor!", 10));

        Assert.Contains("cursor", error.Errors.Keys);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Chunk_embeddings_round_trip_exactly_and_hits_carry_their_source(string provider)
    {
        var store = databases.Stores[provider];
        var chunks = databases.Chunks[provider];
        var botId = Ids.New("bot");
        var vector = Enumerable.Range(0, 384).Select(i => MathF.Sin(i) * 0.1f).Append(float.Epsilon).Append(-0f).ToArray();
        var withChunk = Qa(botId, "Q1", "A1", DateTimeOffset.UtcNow);
        await store.InsertAsync(withChunk, Page("chk_one", "A1", vector));
        await store.InsertAsync(Qa(botId, "Q2", "A2", DateTimeOffset.UtcNow), null);

        var loaded = new List<ChunkVector>();
        await foreach (var chunk in chunks.ReadVectorsAsync(botId, "", ["chk_one", "chk_missing"]))
        {
            loaded.Add(chunk);
        }

        var entry = Assert.Single(loaded);
        Assert.Equal(withChunk.Id, entry.SourceId);
        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), entry.Vector.Select(BitConverter.SingleToInt32Bits));
        var hit = Assert.Single((await chunks.GetHitsAsync(botId, ["chk_one", "chk_missing"])).Values);
        Assert.Equal(("A1", SourceType.Qa, "Q1"), (hit.Text, hit.Type, hit.Question));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Progress_updates_status_and_counts_and_pages_replace_their_chunks(string provider)
    {
        var store = databases.Stores[provider];
        var chunks = databases.Chunks[provider];
        var botId = Ids.New("bot");
        var source = Qa(botId, "Q", "A", DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000)) with { Status = SourceStatus.Queued, Progress = 0 };
        await store.InsertAsync(source, Page("chk_old", "A", [1, 0]));
        var later = source.CreatedAt.AddMinutes(5);

        Assert.True(await store.UpdateProgressAsync(botId, source.Id,
            new SourceProgress { Status = SourceStatus.Processing, Stage = SourceStage.Embedding, Done = 1, Total = 4, Pages = 1, Chunks = 1 }, later));
        Assert.Equal(
            source with { Status = SourceStatus.Processing, Stage = SourceStage.Embedding, Progress = 0.25, ProgressDone = 1, ProgressTotal = 4, Pages = 1, Chunks = 1, UpdatedAt = later },
            await store.GetAsync(botId, source.Id));

        await chunks.ApplyPageAsync(botId, source.Id, Page("chk_new", "A2", [0, 1]) with { RemovedChunkIds = ["chk_old"] });
        Assert.True(await store.UpdateProgressAsync(botId, source.Id,
            new SourceProgress { Status = SourceStatus.Indexed, Pages = 1, Chunks = 1, ContentHash = "abc", LastSyncedAt = later }, later.AddSeconds(1)));

        var updated = await store.GetAsync(botId, source.Id);
        Assert.Equal((SourceStatus.Indexed, 1.0, (SourceStage?)null, "abc", later), (updated!.Status, updated.Progress, updated.Stage, updated.ContentHash, updated.LastSyncedAt));
        Assert.Equal(["chk_new"], await chunks.ListChunkIdsAsync(botId, source.Id, ""));
        Assert.False(await store.UpdateProgressAsync(botId, "src_missing", new SourceProgress { Status = SourceStatus.Indexed }, later));
    }

    private static PageUpdate Page(string chunkId, string text, float[] vector) => new()
    {
        Page = new IngestedPage { PageKey = "", ContentHash = "h-" + text, Characters = text.Length, ChunkCount = 1, FetchedAt = DateTimeOffset.UtcNow },
        Added = [new NewChunk { ChunkId = chunkId, Title = "Q", Text = text, ContentHash = "c-" + text, Embedding = vector }],
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task Deleting_removes_one_or_all_of_a_bot_and_leaves_other_bots_alone(string provider)
    {
        var store = databases.Stores[provider];
        var botId = Ids.New("bot");
        var otherBot = Ids.New("bot");
        var sources = Enumerable.Range(0, 4).Select(i => Qa(botId, $"Q{i}", $"A{i}", DateTimeOffset.UtcNow)).ToArray();
        foreach (var source in sources)
        {
            await store.InsertAsync(source, null);
        }

        var other = Qa(otherBot, "Q", "A", DateTimeOffset.UtcNow);
        await store.InsertAsync(other, null);

        Assert.Equal(4, await store.CountAsync(botId, SourceType.Qa));
        Assert.Equal(0, await store.CountAsync(botId, SourceType.Text));
        Assert.True(await store.DeleteAsync(botId, sources[0].Id));
        Assert.False(await store.DeleteAsync(botId, sources[0].Id));
        Assert.False(await store.DeleteAsync(botId, other.Id));
        Assert.Equal(3, await store.DeleteAllAsync(botId));
        Assert.Equal(0, await store.CountAsync(botId, SourceType.Qa));
        Assert.Equal(other, await store.GetAsync(otherBot, other.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Several_sources_are_fetched_by_id_within_their_bot(string provider)
    {
        var store = databases.Stores[provider];
        var botId = Ids.New("bot");
        var a = Qa(botId, "QA", "AA", DateTimeOffset.UtcNow);
        var b = Qa(botId, "QB", "AB", DateTimeOffset.UtcNow);
        var foreign = Qa(Ids.New("bot"), "QF", "AF", DateTimeOffset.UtcNow);
        foreach (var source in new[] { a, b, foreign })
        {
            await store.InsertAsync(source, null);
        }

        var found = await store.GetManyAsync(botId, [a.Id, b.Id, foreign.Id, "src_missing"]);

        Assert.Equal(2, found.Count);
        Assert.Equal(a, found[a.Id]);
        Assert.Equal(b, found[b.Id]);
        Assert.Empty(await store.GetManyAsync(botId, []));
    }

    private static KnowledgeSource Qa(string botId, string question, string answer, DateTimeOffset createdAt)
    {
        // The store keeps times to the millisecond.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds());
        return new KnowledgeSource
        {
            Id = Ids.New("src"),
            BotId = botId,
            Type = SourceType.Qa,
            Status = SourceStatus.Indexed,
            Progress = 1,
            Title = question,
            Question = question,
            Answer = answer,
            CreatedAt = at,
            UpdatedAt = at,
        };
    }
}
