using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSphere.Grains.Tests.Retrieval;

public sealed class EmbeddedVectorStoreTests : IDisposable
{
    private const int Dimensions = 32;
    private static readonly VectorSpace Space = new("test-model", Dimensions);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private EmbeddedVectorStore Open(int exactSearchLimit = 10_000, int saveAfterChanges = 4096) =>
        new(new EmbeddedVectorStoreOptions { Folder = Path.Combine(_folder.Path, "vectors"), ExactSearchLimit = exactSearchLimit, SaveAfterChanges = saveAfterChanges },
            NullLogger<EmbeddedVectorStore>.Instance);

    [Fact]
    public async Task Nearest_vectors_come_first_with_their_cosine_similarity()
    {
        using var store = Open();
        await store.UpsertAsync("bot", [
            new VectorRecord("x", TestVectors.Axis(Dimensions, 0), "s1"),
            new VectorRecord("xy", TestVectors.Mix(Dimensions, (0, 1), (1, 1)), "s1"),
            new VectorRecord("y", TestVectors.Axis(Dimensions, 1), "s2"),
        ]);

        var matches = await store.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 0), 3));

        Assert.Equal(["x", "xy", "y"], matches.Select(m => m.Id));
        Assert.Equal(1, matches[0].Score, 4);
        Assert.Equal(Math.Sqrt(0.5), matches[1].Score, 4);
        Assert.Equal(0, matches[2].Score, 4);
        Assert.Equal("s1", matches[0].SourceId);
    }

    [Fact]
    public async Task Namespaces_are_separate_and_filters_keep_only_the_named_sources()
    {
        using var store = Open();
        await store.UpsertAsync("a", [new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s1"), new VectorRecord("2", TestVectors.Axis(Dimensions, 1), "s2")]);
        await store.UpsertAsync("b", [new VectorRecord("3", TestVectors.Axis(Dimensions, 0), "s1")]);

        var filtered = await store.QueryAsync("a", new VectorQuery(TestVectors.Axis(Dimensions, 0), 5, new HashSet<string> { "s2" }));
        var other = await store.QueryAsync("b", new VectorQuery(TestVectors.Axis(Dimensions, 0), 5));

        Assert.Equal(["2"], filtered.Select(m => m.Id));
        Assert.Equal(["3"], other.Select(m => m.Id));
        Assert.Equal(new VectorStoreStats(2, Dimensions), await store.GetStatsAsync("a"));
    }

    [Fact]
    public async Task Upsert_replaces_and_deletes_remove_by_id_and_by_source()
    {
        using var store = Open();
        await store.UpsertAsync("bot", [
            new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s1"),
            new VectorRecord("2", TestVectors.Axis(Dimensions, 1), "s1"),
            new VectorRecord("3", TestVectors.Axis(Dimensions, 2), "s2"),
        ]);
        await store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(Dimensions, 3), "s2")]);

        var replaced = await store.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 3), 1));
        await store.DeleteBySourceAsync("bot", "s1");
        await store.DeleteAsync("bot", ["3", "unknown"]);
        var left = await store.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 0), 10));

        Assert.Equal("1", replaced[0].Id);
        Assert.Equal(1, replaced[0].Score, 4);
        Assert.Equal(["1"], left.Select(m => m.Id));
        Assert.Equal(1, (await store.GetStatsAsync("bot")).Count);
    }

    [Fact]
    public async Task A_namespace_moves_to_hnsw_at_the_limit_and_keeps_finding_what_exact_search_finds()
    {
        var random = new Random(7);
        var centers = Enumerable.Range(0, 20).Select(_ => TestVectors.Random(random, Dimensions)).ToArray();
        var records = Enumerable.Range(0, 1200).Select(i => new VectorRecord($"r{i}", TestVectors.Near(random, centers[i % 20], 0.4), $"s{i % 3}")).ToArray();
        using var exact = Open(exactSearchLimit: 100_000);
        using var hnsw = Open(exactSearchLimit: 500);
        await exact.UpsertAsync("exact", records);
        await hnsw.UpsertAsync("hnsw", records[..499]);
        Assert.False(hnsw.UsesHnsw("hnsw"));
        await hnsw.UpsertAsync("hnsw", records[499..]);

        Assert.True(hnsw.UsesHnsw("hnsw"));
        Assert.False(exact.UsesHnsw("exact"));
        var found = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = new VectorQuery(TestVectors.Near(random, centers[q % 20], 0.4), 10);
            var truth = (await exact.QueryAsync("exact", query)).Select(m => m.Id).ToHashSet();
            found += (await hnsw.QueryAsync("hnsw", query)).Count(m => truth.Contains(m.Id));
        }

        Assert.True(found >= 0.95 * 500, $"HNSW found {found} of the 500 exact nearest neighbours.");
        var filtered = await hnsw.QueryAsync("hnsw", new VectorQuery(centers[0], 10, new HashSet<string> { "s1" }, IncludeVectors: true));
        Assert.Equal(10, filtered.Count);
        Assert.All(filtered, m => Assert.Equal("s1", m.SourceId));
        Assert.All(filtered, m => Assert.Equal(Dimensions, m.Vector!.Length));
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(50)]
    public async Task A_flushed_namespace_reloads_with_the_same_answers(int exactSearchLimit)
    {
        var random = new Random(3);
        var records = Enumerable.Range(0, 200).Select(i => new VectorRecord($"r{i}", TestVectors.Random(random, Dimensions), $"s{i % 4}", i + 1)).ToArray();
        var query = new VectorQuery(TestVectors.Random(random, Dimensions), 5);
        IReadOnlyList<VectorMatch> before;
        using (var store = Open(exactSearchLimit))
        {
            await store.UpsertAsync("bot", records);
            await store.FlushAsync("bot");
            before = await store.QueryAsync("bot", query);
        }

        using var reopened = Open(exactSearchLimit);
        var after = await reopened.QueryAsync("bot", query);

        Assert.Equal(before.Select(m => (m.Id, m.SourceId)), after.Select(m => (m.Id, m.SourceId)));
        Assert.Equal(200, (await reopened.GetStatsAsync("bot")).Count);
        Assert.Equal(exactSearchLimit < 200, reopened.UsesHnsw("bot"));
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(50)]
    public async Task After_a_crash_the_index_reconciles_with_the_chunk_table(int exactSearchLimit)
    {
        var random = new Random(11);
        using var table = new SqliteChunkTable(Path.Combine(_folder.Path, "chunks.db"));
        for (var i = 0; i < 120; i++)
        {
            table.Write("bot", $"c{i}", $"s{i % 2}", TestVectors.Random(random, Dimensions));
        }


        // The process writes the table and the index, saves the index, goes on writing, and dies before the next save.
        var crashed = Open(exactSearchLimit);
        Assert.Equal(new ReconcileResult(0, 120), await crashed.ReconcileAsync("bot", Space, table));
        var added = Enumerable.Range(120, 30).Select(i => table.Write("bot", $"c{i}", "s3", TestVectors.Random(random, Dimensions))).ToArray();
        var rewritten = table.Write("bot", "c5", "s9", TestVectors.Axis(Dimensions, 0));
        table.Delete("bot", "c7");
        table.Delete("bot", "c8");
        await crashed.UpsertAsync("bot", [.. added, rewritten]);
        await crashed.DeleteAsync("bot", ["c7", "c8"]);

        using var restarted = Open(exactSearchLimit);
        Assert.Equal(120, (await restarted.GetStatsAsync("bot")).Count);
        var result = await restarted.ReconcileAsync("bot", Space, table);

        Assert.Equal(new ReconcileResult(Removed: 2, Applied: 31), result);
        Assert.Equal(148, (await restarted.GetStatsAsync("bot")).Count);
        var top = await restarted.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 0), 1));
        Assert.Equal(("c5", "s9"), (top[0].Id, top[0].SourceId));
        var all = await restarted.QueryAsync("bot", new VectorQuery(TestVectors.Random(random, Dimensions), 200));
        Assert.DoesNotContain(all, m => m.Id is "c7" or "c8");
        Assert.Equal(30, (await restarted.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 1), 100, new HashSet<string> { "s3" }))).Count);
        Assert.Equal(new ReconcileResult(0, 0), await restarted.ReconcileAsync("bot", Space, table));
        GC.KeepAlive(crashed);
    }

    [Fact]
    public async Task A_damaged_index_starts_empty_and_is_rebuilt_from_the_chunk_table()
    {
        var random = new Random(5);
        using var table = new SqliteChunkTable(Path.Combine(_folder.Path, "chunks.db"));
        var records = Enumerable.Range(0, 40).Select(i => table.Write("bot", $"c{i}", "s", TestVectors.Random(random, Dimensions))).ToArray();
        using (var store = Open())
        {
            await store.UpsertAsync("bot", records);
        }

        var manifest = Directory.EnumerateFiles(Path.Combine(_folder.Path, "vectors"), "manifest.bin", SearchOption.AllDirectories).Single();
        await File.WriteAllBytesAsync(manifest, new byte[] { 1, 2, 3 });

        using var reopened = Open();
        Assert.Equal(0, (await reopened.GetStatsAsync("bot")).Count);
        Assert.Equal(new ReconcileResult(0, 40, Reset: true), await reopened.ReconcileAsync("bot", Space, table));
        Assert.Equal(40, (await reopened.GetStatsAsync("bot")).Count);
    }

    [Fact]
    public async Task A_namespace_keeps_the_model_that_made_it_and_another_model_empties_it_before_it_is_refilled()
    {
        var random = new Random(9);
        using var table = new SqliteChunkTable(Path.Combine(_folder.Path, "chunks.db"));
        var records = Enumerable.Range(0, 20).Select(i => table.Write("bot", $"c{i}", "s", TestVectors.Random(random, Dimensions))).ToArray();
        using (var store = Open())
        {
            Assert.Equal(new ReconcileResult(0, 20), await store.ReconcileAsync("bot", Space, table));
        }

        using (var reopened = Open())
        {
            // Reopened with the same model: nothing to do, nothing rewritten.
            Assert.Equal(ReconcileResult.None, await reopened.ReconcileAsync("bot", Space, table));
        }

        // Another model of other dimensions: the old vectors are never compared with the new ones.
        using var other = new SqliteChunkTable(Path.Combine(_folder.Path, "other.db"));
        other.Write("bot", "c0", "s", TestVectors.Axis(8, 1));
        using var switched = Open();
        Assert.Equal(new ReconcileResult(0, 1, Reset: true), await switched.ReconcileAsync("bot", new VectorSpace("other-model", 8), other));
        Assert.Equal(new VectorStoreStats(1, 8), await switched.GetStatsAsync("bot"));
        Assert.Equal("c0", (await switched.QueryAsync("bot", new VectorQuery(TestVectors.Axis(8, 1), 5))).Single().Id);
        GC.KeepAlive(records);
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_files()
    {
        using var store = Open();
        await store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s")]);
        await store.FlushAsync("bot");
        await store.DeleteNamespaceAsync("bot");

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder.Path, "vectors"), "*", SearchOption.AllDirectories));
        Assert.Equal(0, (await store.GetStatsAsync("bot")).Count);
    }
}
