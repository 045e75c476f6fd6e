using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatSphere.Grains.Knowledge.Vectors;

// The JSON bodies of Pinecone's data-plane API, as documented (camelCase).

internal sealed record PineconeVector(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("values")] float[] Values,
    [property: JsonPropertyName("metadata")] Dictionary<string, JsonNode?>? Metadata);

internal sealed record PineconeUpsertRequest(
    [property: JsonPropertyName("vectors")] IReadOnlyList<PineconeVector> Vectors,
    [property: JsonPropertyName("namespace")] string Namespace);

internal sealed record PineconeUpsertResponse([property: JsonPropertyName("upsertedCount")] int UpsertedCount);

internal sealed record PineconeQueryRequest(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("vector")] float[] Vector,
    [property: JsonPropertyName("topK")] int TopK,
    [property: JsonPropertyName("filter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Filter,
    [property: JsonPropertyName("includeValues")] bool IncludeValues,
    [property: JsonPropertyName("includeMetadata")] bool IncludeMetadata);

internal sealed record PineconeMatch(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("score")] float Score,
    [property: JsonPropertyName("values")] float[]? Values,
    [property: JsonPropertyName("metadata")] Dictionary<string, JsonNode?>? Metadata);

internal sealed record PineconeQueryResponse(
    [property: JsonPropertyName("matches")] IReadOnlyList<PineconeMatch>? Matches,
    [property: JsonPropertyName("namespace")] string? Namespace);

internal sealed record PineconeDeleteRequest(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("ids"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Ids,
    [property: JsonPropertyName("deleteAll"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool DeleteAll,
    [property: JsonPropertyName("filter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Filter);

internal sealed record PineconeStatsRequest(
    [property: JsonPropertyName("filter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Filter);

internal sealed record PineconeNamespaceSummary([property: JsonPropertyName("vectorCount")] long VectorCount);

internal sealed record PineconeStatsResponse(
    [property: JsonPropertyName("namespaces")] Dictionary<string, PineconeNamespaceSummary>? Namespaces,
    [property: JsonPropertyName("dimension")] int Dimension,
    [property: JsonPropertyName("totalVectorCount")] long TotalVectorCount);

internal sealed record PineconeError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record PineconeListItem([property: JsonPropertyName("id")] string Id);

internal sealed record PineconePagination([property: JsonPropertyName("next")] string? Next);

internal sealed record PineconeListResponse(
    [property: JsonPropertyName("vectors")] IReadOnlyList<PineconeListItem>? Vectors,
    [property: JsonPropertyName("pagination")] PineconePagination? Pagination,
    [property: JsonPropertyName("namespace")] string? Namespace);
