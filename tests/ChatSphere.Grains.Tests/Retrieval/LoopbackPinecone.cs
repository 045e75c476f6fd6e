using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatSphere.Grains.Tests.Retrieval;

/// <summary>
/// A Pinecone data plane on loopback for the adapter's tests: the documented endpoints (POST /vectors/upsert,
/// /query, /vectors/delete, /describe_index_stats; GET /vectors/list with its limit and pagination token) with their
/// JSON shapes, cosine scoring, metadata filters with
/// $eq and $in, the Api-Key header checked, and failures on demand. It records every request it was sent.
/// </summary>
internal sealed class LoopbackPinecone : IAsyncDisposable
{
    public const string ApiKey = "test-key";

    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Dictionary<string, (float[] Values, JsonObject Metadata)>> _namespaces = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Task _serving;

    public LoopbackPinecone()
    {
        var port = FreeTcpPort.Next();
        Host = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Host.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Host { get; }

    /// <summary>When set, every request is answered with this status and a Pinecone error body.</summary>
    public HttpStatusCode? FailWith { get; set; }

    public List<(string Path, JsonObject Body)> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception failure) when (failure is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var body = text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
        (HttpStatusCode Status, JsonNode Body) answer;
        lock (_gate)
        {
            Requests.Add((path, body));
            answer = context.Request.Headers["Api-Key"] != ApiKey
                ? (HttpStatusCode.Unauthorized, Error(16, "Invalid API key"))
                : FailWith is { } failure
                    ? (failure, Error(13, "The server failed on purpose"))
                    : context.Request.HttpMethod == "GET" && path == "/vectors/list"
                        ? List(context.Request.QueryString)
                        : context.Request.HttpMethod != "POST"
                        ? (HttpStatusCode.MethodNotAllowed, Error(12, "Use POST"))
                        : path switch
                        {
                            "/vectors/upsert" => Upsert(body),
                            "/query" => Query(body),
                            "/vectors/delete" => Delete(body),
                            "/describe_index_stats" => Stats(),
                            _ => (HttpStatusCode.NotFound, Error(5, $"No route {path}")),
                        };
        }

        var bytes = Encoding.UTF8.GetBytes(answer.Body.ToJsonString());
        context.Response.StatusCode = (int)answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (HttpStatusCode, JsonNode) Upsert(JsonObject body)
    {
        var vectors = body["vectors"]!.AsArray();
        var space = Space(body);
        foreach (var vector in vectors)
        {
            var values = vector!["values"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            if (space.Count > 0 && space.Values.First().Values.Length != values.Length)
            {
                return (HttpStatusCode.BadRequest, Error(3, $"Vector dimension {values.Length} does not match the dimension of the index"));
            }

            space[vector["id"]!.GetValue<string>()] = (values, vector["metadata"]?.DeepClone().AsObject() ?? []);
        }

        return (HttpStatusCode.OK, new JsonObject { ["upsertedCount"] = vectors.Count });
    }

    private (HttpStatusCode, JsonNode) Query(JsonObject body)
    {
        var query = body["vector"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        var topK = body["topK"]!.GetValue<int>();
        var includeValues = body["includeValues"]?.GetValue<bool>() == true;
        var includeMetadata = body["includeMetadata"]?.GetValue<bool>() == true;
        var filter = body["filter"] as JsonObject;
        var matches = Space(body)
            .Where(e => Matches(e.Value.Metadata, filter))
            .Select(e => (e.Key, e.Value, Score: Cosine(query, e.Value.Values)))
            .OrderByDescending(e => e.Score)
            .Take(topK)
            .Select(e =>
            {
                var match = new JsonObject { ["id"] = e.Key, ["score"] = e.Score };
                if (includeValues)
                {
                    match["values"] = new JsonArray(e.Value.Values.Select(v => (JsonNode?)v).ToArray());
                }

                if (includeMetadata)
                {
                    match["metadata"] = e.Value.Metadata.DeepClone();
                }

                return (JsonNode?)match;
            })
            .ToArray();
        return (HttpStatusCode.OK, new JsonObject { ["matches"] = new JsonArray(matches), ["namespace"] = body["namespace"]?.GetValue<string>() ?? "", ["usage"] = new JsonObject { ["readUnits"] = 1 } });
    }

    private (HttpStatusCode, JsonNode) Delete(JsonObject body)
    {
        var space = Space(body);
        if (body["deleteAll"]?.GetValue<bool>() == true)
        {
            space.Clear();
        }
        else if (body["ids"] is JsonArray ids)
        {
            foreach (var id in ids)
            {
                space.Remove(id!.GetValue<string>());
            }
        }
        else if (body["filter"] is JsonObject filter)
        {
            foreach (var id in space.Where(e => Matches(e.Value.Metadata, filter)).Select(e => e.Key).ToArray())
            {
                space.Remove(id);
            }
        }
        else
        {
            return (HttpStatusCode.BadRequest, Error(3, "Provide ids, deleteAll or filter"));
        }

        return (HttpStatusCode.OK, new JsonObject());
    }

    /// <summary>Ids in sorted order, a page at a time; the token is the last id of the previous page.</summary>
    private (HttpStatusCode, JsonNode) List(System.Collections.Specialized.NameValueCollection query)
    {
        var name = query["namespace"] ?? "";
        var limit = int.TryParse(query["limit"], out var asked) ? asked : 100;
        if (limit is < 1 or > 100)
        {
            return (HttpStatusCode.BadRequest, Error(3, "limit must be between 1 and 100"));
        }

        var after = query["paginationToken"] is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        var ids = (_namespaces.TryGetValue(name, out var space) ? space.Keys.ToArray() : [])
            .Where(id => after is null || string.CompareOrdinal(id, after) > 0)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var page = ids.Take(limit).ToArray();
        var response = new JsonObject
        {
            ["vectors"] = new JsonArray(page.Select(id => (JsonNode?)new JsonObject { ["id"] = id }).ToArray()),
            ["namespace"] = name,
            ["usage"] = new JsonObject { ["readUnits"] = 1 },
        };
        if (ids.Length > limit)
        {
            response["pagination"] = new JsonObject { ["next"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1])) };
        }

        return (HttpStatusCode.OK, response);
    }

    private (HttpStatusCode, JsonNode) Stats()
    {
        var namespaces = new JsonObject();
        foreach (var (name, space) in _namespaces.Where(n => n.Value.Count > 0))
        {
            namespaces[name] = new JsonObject { ["vectorCount"] = space.Count };
        }

        var dimension = _namespaces.Values.SelectMany(s => s.Values).Select(v => v.Values.Length).FirstOrDefault();
        return (HttpStatusCode.OK, new JsonObject
        {
            ["namespaces"] = namespaces,
            ["dimension"] = dimension,
            ["indexFullness"] = 0.0,
            ["totalVectorCount"] = _namespaces.Values.Sum(s => s.Count),
        });
    }

    private Dictionary<string, (float[] Values, JsonObject Metadata)> Space(JsonObject body)
    {
        var name = body["namespace"]?.GetValue<string>() ?? "";
        if (!_namespaces.TryGetValue(name, out var space))
        {
            _namespaces[name] = space = new Dictionary<string, (float[], JsonObject)>(StringComparer.Ordinal);
        }

        return space;
    }

    private static bool Matches(JsonObject metadata, JsonObject? filter)
    {
        if (filter is null)
        {
            return true;
        }

        foreach (var (field, condition) in filter)
        {
            var value = metadata[field]?.ToJsonString();
            var ok = condition switch
            {
                JsonObject { } ops when ops["$eq"] is { } eq => eq.ToJsonString() == value,
                JsonObject { } ops when ops["$in"] is JsonArray list => list.Any(v => v!.ToJsonString() == value),
                _ => throw new NotSupportedException($"Filter {condition} is not served here."),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    private static JsonObject Error(int code, string message) => new() { ["code"] = code, ["message"] = message, ["details"] = new JsonArray() };
}
