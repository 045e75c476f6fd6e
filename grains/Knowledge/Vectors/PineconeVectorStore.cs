using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// <see cref="IVectorStore"/> over a Pinecone index's data-plane REST API (<c>/vectors/upsert</c>, <c>/query</c>,
/// <c>/vectors/delete</c>, <c>/describe_index_stats</c>, and <c>/vectors/list</c> to reconcile), one Pinecone namespace
/// per chatbot. Each vector carries the chunk's <c>sourceId</c> and <c>version</c> as metadata so queries and deletes
/// can filter on the source.
/// The <see cref="HttpClient"/> is expected to come from IHttpClientFactory; this class sets only per-request headers.
/// </summary>
public sealed class PineconeVectorStore(HttpClient http, PineconeOptions options) : IVectorStore
{
    private const string SourceIdKey = "sourceId";
    private const string VersionKey = "version";
    private const int DeleteBatchSize = 1000;
    private const int ListPageSize = 100;

    public async Task UpsertAsync(string @namespace, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var batch in records.Chunk(options.UpsertBatchSize))
        {
            var vectors = batch.Select(r => new PineconeVector(r.Id, r.Vector, new Dictionary<string, JsonNode?>
            {
                [SourceIdKey] = r.SourceId,
                [VersionKey] = r.Version,
            })).ToArray();
            await SendAsync<PineconeUpsertResponse>("upsert", "vectors/upsert", new PineconeUpsertRequest(vectors, @namespace), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<VectorMatch>> QueryAsync(string @namespace, VectorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.TopK <= 0 || query.SourceIds is { Count: 0 })
        {
            return [];
        }

        var filter = query.SourceIds is { } sources ? SourceFilter("$in", new JsonArray(sources.Select(s => (JsonNode?)s).ToArray())) : null;
        var request = new PineconeQueryRequest(@namespace, query.Vector, query.TopK, filter, query.IncludeVectors, IncludeMetadata: true);
        var response = await SendAsync<PineconeQueryResponse>("query", "query", request, cancellationToken);
        return (response.Matches ?? [])
            .Select(m => new VectorMatch(m.Id, m.Score, SourceOf(m), query.IncludeVectors ? m.Values : null))
            .ToArray();
    }

    public async Task DeleteAsync(string @namespace, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var batch in ids.Chunk(DeleteBatchSize))
        {
            await SendAsync<JsonObject>("delete", "vectors/delete", new PineconeDeleteRequest(@namespace, batch, DeleteAll: false, Filter: null), cancellationToken);
        }
    }

    public Task DeleteBySourceAsync(string @namespace, string sourceId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonObject>("delete", "vectors/delete", new PineconeDeleteRequest(@namespace, Ids: null, DeleteAll: false, SourceFilter("$eq", sourceId)), cancellationToken);

    public Task DeleteNamespaceAsync(string @namespace, CancellationToken cancellationToken = default) =>
        SendAsync<JsonObject>("delete", "vectors/delete", new PineconeDeleteRequest(@namespace, Ids: null, DeleteAll: true, Filter: null), cancellationToken);

    public async Task<VectorStoreStats> GetStatsAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        var stats = await SendAsync<PineconeStatsResponse>("describe_index_stats", "describe_index_stats", new PineconeStatsRequest(Filter: null), cancellationToken);
        var count = stats.Namespaces is { } namespaces && namespaces.TryGetValue(@namespace, out var summary) ? summary.VectorCount : 0;
        return new VectorStoreStats(count, count > 0 ? stats.Dimension : 0);
    }

    /// <summary>
    /// Lists the namespace's ids (<c>GET /vectors/list</c>, page by page), deletes those the table no longer has and
    /// upserts the table's chunks the namespace lacks; ids in both are kept without reading their vectors back. That
    /// suffices because a chunk's vector only changes when it is embedded by another model, and the namespace lost the
    /// old vector in the reconciliation that preceded it (the chunk was no longer of the configured model then). The
    /// index's dimension is checked against the model's first: a mismatch is refused with a clear message.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(string @namespace, VectorSpace space, IVectorRecordSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(source);
        var stats = await SendAsync<PineconeStatsResponse>("describe_index_stats", "describe_index_stats", new PineconeStatsRequest(Filter: null), cancellationToken);
        if (space.Dimensions > 0 && stats.Dimension > 0 && stats.Dimension != space.Dimensions)
        {
            throw new VectorSpaceMismatchException(
                $"The Pinecone index at {options.IndexHost} holds {stats.Dimension}-dimensional vectors, but the embedding model {space.Model} makes {space.Dimensions}-dimensional ones; use an index of {space.Dimensions} dimensions.");
        }

        var expected = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (id, _) in source.ListVersionsAsync(@namespace, cancellationToken))
        {
            expected.Add(id);
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in ListIdsAsync(@namespace, cancellationToken))
        {
            listed.Add(id);
        }

        var stale = listed.Where(id => !expected.Contains(id)).ToArray();
        var missing = expected.Where(id => !listed.Contains(id)).ToArray();
        await DeleteAsync(@namespace, stale, cancellationToken);
        var applied = 0;
        var batch = new List<VectorRecord>(options.UpsertBatchSize);
        await foreach (var record in source.ReadAsync(@namespace, missing, cancellationToken))
        {
            batch.Add(record);
            if (batch.Count == options.UpsertBatchSize)
            {
                await UpsertAsync(@namespace, batch, cancellationToken);
                applied += batch.Count;
                batch.Clear();
            }
        }

        await UpsertAsync(@namespace, batch, cancellationToken);
        return new ReconcileResult(stale.Length, applied + batch.Count);
    }

    /// <summary>Every vector id in the namespace (serverless indexes), 100 per request.</summary>
    public async IAsyncEnumerable<string> ListIdsAsync(string @namespace, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var query = $"vectors/list?namespace={Uri.EscapeDataString(@namespace)}&limit={ListPageSize}"
                + (token is null ? "" : $"&paginationToken={Uri.EscapeDataString(token)}");
            var page = await SendAsync<PineconeListResponse>("list", HttpMethod.Get, query, body: null, cancellationToken);
            foreach (var item in page.Vectors ?? [])
            {
                yield return item.Id;
            }

            token = page.Pagination?.Next is { Length: > 0 } next ? next : null;
        }
        while (token is not null);
    }

    private static JsonObject SourceFilter(string op, JsonNode value) => new() { [SourceIdKey] = new JsonObject { [op] = value } };

    private static string SourceOf(PineconeMatch match) =>
        match.Metadata is { } metadata && metadata.TryGetValue(SourceIdKey, out var node) && node is JsonValue value && value.TryGetValue<string>(out var source)
            ? source
            : "";

    private Task<T> SendAsync<T>(string operation, string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(operation, HttpMethod.Post, path, body, cancellationToken);

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.IndexHost, path))
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType()),
        };
        request.Headers.Add("Api-Key", options.ApiKey);
        request.Headers.Add("X-Pinecone-API-Version", options.ApiVersion);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PineconeException(response.StatusCode, operation, await ErrorMessageAsync(response, cancellationToken));
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new PineconeException(response.StatusCode, operation, "the response body was empty");
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<PineconeError>(text)?.Message ?? text;
        }
        catch (JsonException)
        {
            return text.Length > 300 ? text[..300] : text;
        }
    }
}
