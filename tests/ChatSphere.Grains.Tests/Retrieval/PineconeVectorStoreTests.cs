using System.Net;
using ChatSphere.Grains.Knowledge.Vectors;

namespace ChatSphere.Grains.Tests.Retrieval;

public sealed class PineconeVectorStoreTests : IAsyncLifetime
{
    private const int Dimensions = 8;
    private readonly HttpClient _http = new();
    private LoopbackPinecone _server = null!;
    private PineconeVectorStore _store = null!;

    public Task InitializeAsync()
    {
        _server = new LoopbackPinecone();
        _store = new PineconeVectorStore(_http, new PineconeOptions { IndexHost = _server.Host, ApiKey = LoopbackPinecone.ApiKey, UpsertBatchSize = 2 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Upserted_vectors_are_queried_by_namespace_with_scores_sources_and_values()
    {
        await _store.UpsertAsync("bot-a", [
            new VectorRecord("x", TestVectors.Axis(Dimensions, 0), "s1", 3),
            new VectorRecord("xy", TestVectors.Mix(Dimensions, (0, 1), (1, 1)), "s2", 4),
            new VectorRecord("y", TestVectors.Axis(Dimensions, 1), "s2", 5),
        ]);
        await _store.UpsertAsync("bot-b", [new VectorRecord("other", TestVectors.Axis(Dimensions, 0), "s9")]);

        var matches = await _store.QueryAsync("bot-a", new VectorQuery(TestVectors.Axis(Dimensions, 0), 2, IncludeVectors: true));

        Assert.Equal(["x", "xy"], matches.Select(m => m.Id));
        Assert.Equal(["s1", "s2"], matches.Select(m => m.SourceId));
        Assert.Equal(1, matches[0].Score, 4);
        Assert.Equal(TestVectors.Axis(Dimensions, 0), matches[0].Vector);
        // Two requests of at most two vectors for bot-a, each vector carrying its source and version.
        var upserts = _server.Requests.Where(r => r.Path == "/vectors/upsert").ToArray();
        Assert.Equal([2, 1, 1], upserts.Select(r => r.Body["vectors"]!.AsArray().Count));
        Assert.Equal("bot-a", upserts[0].Body["namespace"]!.GetValue<string>());
        Assert.Equal(3, upserts[0].Body["vectors"]![0]!["metadata"]!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Source_filters_and_deletes_reach_pinecone_as_metadata_filters()
    {
        await _store.UpsertAsync("bot", [
            new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s1"),
            new VectorRecord("2", TestVectors.Axis(Dimensions, 1), "s2"),
            new VectorRecord("3", TestVectors.Axis(Dimensions, 2), "s3"),
            new VectorRecord("4", TestVectors.Axis(Dimensions, 3), "s3"),
        ]);

        var filtered = await _store.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 0), 10, new HashSet<string> { "s2", "s3" }));
        await _store.DeleteAsync("bot", ["2"]);
        await _store.DeleteBySourceAsync("bot", "s3");
        var left = await _store.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 0), 10));

        Assert.Equal(["2", "3", "4"], filtered.Select(m => m.Id).Order());
        Assert.Null(filtered[0].Vector);
        Assert.Equal(["1"], left.Select(m => m.Id));
        var query = _server.Requests.First(r => r.Path == "/query").Body;
        Assert.Equal(["s2", "s3"], query["filter"]!["sourceId"]!["$in"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Stats_count_one_namespace_and_deleting_it_empties_it()
    {
        await _store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s"), new VectorRecord("2", TestVectors.Axis(Dimensions, 1), "s")]);
        await _store.UpsertAsync("other", [new VectorRecord("3", TestVectors.Axis(Dimensions, 0), "s")]);

        Assert.Equal(new VectorStoreStats(2, Dimensions), await _store.GetStatsAsync("bot"));
        await _store.DeleteNamespaceAsync("bot");
        Assert.Equal(new VectorStoreStats(0, 0), await _store.GetStatsAsync("bot"));
        Assert.Equal(new VectorStoreStats(1, Dimensions), await _store.GetStatsAsync("other"));
    }

    [Fact]
    public async Task A_rejected_request_raises_the_status_and_pinecone_message()
    {
        await _store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s")]);

        var failure = await Assert.ThrowsAsync<PineconeException>(() => _store.UpsertAsync("bot", [new VectorRecord("2", new float[3], "s")]));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.False(failure.IsTransient);
        Assert.Contains("does not match the dimension", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciling_lists_the_namespace_page_by_page_and_sends_only_what_differs_from_the_table()
    {
        using var folder = new TempFolder();
        using var table = new SqliteChunkTable(Path.Combine(folder.Path, "chunks.db"));
        var random = new Random(4);
        var rows = Enumerable.Range(0, 150).Select(i => table.Write("bot", $"c{i:D3}", "s", TestVectors.Random(random, Dimensions))).ToArray();
        // The index kept 140 of the table's chunks and three whose rows were rolled back or deleted.
        await _store.UpsertAsync("bot", [.. rows[..140], .. Enumerable.Range(0, 3).Select(i => new VectorRecord($"ghost{i}", TestVectors.Random(random, Dimensions), "s"))]);
        _server.Requests.Clear();

        var result = await _store.ReconcileAsync("bot", new VectorSpace("test-model", Dimensions), table);

        Assert.Equal(new ReconcileResult(Removed: 3, Applied: 10), result);
        Assert.Equal(2, _server.Requests.Count(r => r.Path == "/vectors/list"));
        var upserted = _server.Requests.Where(r => r.Path == "/vectors/upsert").SelectMany(r => r.Body["vectors"]!.AsArray()).Select(v => v!["id"]!.GetValue<string>());
        Assert.Equal(rows[140..].Select(r => r.Id), upserted.Order());
        var deleted = _server.Requests.Single(r => r.Path == "/vectors/delete").Body["ids"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(["ghost0", "ghost1", "ghost2"], deleted.Order());
        Assert.Equal(150, (await _store.GetStatsAsync("bot")).Count);
        Assert.Equal(ReconcileResult.None, await _store.ReconcileAsync("bot", new VectorSpace("test-model", Dimensions), table));
    }

    [Fact]
    public async Task An_index_of_other_dimensions_than_the_model_is_refused_with_a_clear_reason()
    {
        using var folder = new TempFolder();
        using var table = new SqliteChunkTable(Path.Combine(folder.Path, "chunks.db"));
        await _store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(Dimensions, 0), "s")]);

        var failure = await Assert.ThrowsAsync<VectorSpaceMismatchException>(() => _store.ReconcileAsync("bot", new VectorSpace("big-model", 1536), table));

        Assert.Contains($"holds {Dimensions}-dimensional vectors", failure.Message, StringComparison.Ordinal);
        Assert.Contains("big-model makes 1536-dimensional", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_is_unauthorised()
    {
        var store = new PineconeVectorStore(_http, new PineconeOptions { IndexHost = _server.Host, ApiKey = "wrong" });

        var failure = await Assert.ThrowsAsync<PineconeException>(() => store.GetStatsAsync("bot"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Contains("Invalid API key", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Server_failures_are_transient(HttpStatusCode status)
    {
        _server.FailWith = status;

        var failure = await Assert.ThrowsAsync<PineconeException>(() => _store.QueryAsync("bot", new VectorQuery(TestVectors.Axis(Dimensions, 0), 3)));

        Assert.Equal(status, failure.StatusCode);
        Assert.True(failure.IsTransient);
        Assert.Contains("failed on purpose", failure.Message, StringComparison.Ordinal);
    }
}
