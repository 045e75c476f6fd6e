using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Tests.Ai.FakeOpenAi;

/// <summary>
/// A server of the OpenAI wire protocol on loopback: <c>POST /v1/chat/completions</c> (JSON or SSE streaming) and
/// <c>POST /v1/embeddings</c> (float or base64). The requested model name picks the behaviour (see
/// <see cref="Scenarios"/>); every request body is kept per model so tests can check what went over the wire.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    /// <summary>The reply of the well-behaved models, streamed word by word.</summary>
    public const string Reply = "Parcels ship within two days [1].";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _requests = new(StringComparer.Ordinal);

    private FakeOpenAiServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL an OpenAI client is given (ends in /v1/).</summary>
    public Uri BaseUrl { get; }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAiServer? server = null;
        app.MapPost("/v1/chat/completions", (HttpContext http) => server!.ChatAsync(http));
        app.MapPost("/v1/embeddings", (HttpContext http) => server!.EmbeddingsAsync(http));
        // Azure OpenAI's v1 API: the same protocol under /openai/v1/, the key in an api-key header.
        app.MapPost("/openai/v1/chat/completions", (HttpContext http) => server!.ChatAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeOpenAiServer(app, new Uri(address.TrimEnd('/') + "/v1/"));
        return server;
    }

    /// <summary>The bodies of the requests made for <paramref name="model"/>, in order.</summary>
    public IReadOnlyList<JsonObject> Requests(string model) => _requests.TryGetValue(model, out var list) ? list.ToArray() : [];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ChatAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var model = body["model"]!.GetValue<string>();
        body["_authorization"] = http.Request.Headers.Authorization.ToString();
        body["_api_key"] = http.Request.Headers["api-key"].ToString();
        body["_path"] = http.Request.Path.Value;
        var attempt = Record(model, body);
        var stream = body["stream"]?.GetValue<bool>() == true;
        switch (model)
        {
            case Scenarios.RateLimitedOnce when attempt == 1:
                await ErrorAsync(http, 429, "rate_limit_exceeded", retryAfter: "1");
                return;
            case Scenarios.RateLimitedLong:
                await ErrorAsync(http, 429, "rate_limit_exceeded", retryAfter: "120");
                return;
            case Scenarios.ServerError:
                await ErrorAsync(http, 500, "server_error");
                return;
            case Scenarios.Unauthorized:
                await ErrorAsync(http, 401, "invalid_api_key");
                return;
        }

        if (!stream)
        {
            await http.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-fake", @object = "chat.completion", created = 1, model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 11, completion_tokens = 7, total_tokens = 18 },
            });
            return;
        }

        http.Response.ContentType = "text/event-stream";
        await SendAsync(http, Chunk(model, new { role = "assistant", content = "" }, null));
        switch (model)
        {
            case Scenarios.MalformedFirst:
                await SendRawAsync(http, "data: {\"id\": \"chatcmpl-fake\", \"choices\": [{\"delta\": {\"content\": \n\n");
                return;
            case Scenarios.Disconnect or Scenarios.MalformedMid:
                foreach (var word in Words().Take(3))
                {
                    await SendAsync(http, Chunk(model, new { content = word }, null));
                }

                if (model == Scenarios.MalformedMid)
                {
                    await SendRawAsync(http, "data: {not json at all\n\n");
                    return;
                }

                // The connection drops mid-reply: no finish reason, no [DONE]. The pause lets the client read what was
                // sent first, since a reset also discards data the client has received but not yet read.
                await Task.Delay(500);
                http.Abort();
                return;
            case Scenarios.Endless or Scenarios.SlowEndless:
                for (var i = 0; !http.RequestAborted.IsCancellationRequested; i++)
                {
                    if (model == Scenarios.SlowEndless)
                    {
                        await Task.Delay(100, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    }

                    await SendAsync(http, Chunk(model, new { content = $"more{i} " }, null));
                }

                return;
            case Scenarios.EchoSystem:
                // A model talked into dumping its system prompt.
                var system = body["messages"]![0]!["content"]!.GetValue<string>();
                foreach (var word in system.Split(' '))
                {
                    await SendAsync(http, Chunk(model, new { content = word + " " }, null));
                }

                await SendAsync(http, Chunk(model, new { }, "stop"));
                await SendRawAsync(http, "data: [DONE]\n\n");
                return;
            case Scenarios.Silent:
                await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        foreach (var word in Words())
        {
            await SendAsync(http, Chunk(model, new { content = word }, null));
        }

        await SendAsync(http, Chunk(model, new { }, "stop"));
        if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await SendAsync(http, new
            {
                id = "chatcmpl-fake", @object = "chat.completion.chunk", created = 1, model, choices = Array.Empty<object>(),
                usage = new { prompt_tokens = 11, completion_tokens = 7, total_tokens = 18 },
            });
        }

        await SendRawAsync(http, "data: [DONE]\n\n");
    }

    private async Task EmbeddingsAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var model = body["model"]!.GetValue<string>();
        Record(model, body);
        var inputs = body["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToArray() : [body["input"]!.GetValue<string>()];
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        switch (model)
        {
            case Scenarios.EmbeddingsServerError:
                await ErrorAsync(http, 500, "server_error");
                return;
            case Scenarios.EmbeddingsRateLimitedOnce when Requests(model).Count == 1:
                await ErrorAsync(http, 429, "rate_limit_exceeded", retryAfter: "0");
                return;
        }

        var dimensions = body["dimensions"]?.GetValue<int>() ?? 64;
        var data = inputs.Select((text, i) =>
        {
            var vector = model switch
            {
                Scenarios.HashedWords or Scenarios.EmbeddingsRateLimitedOnce => HashedWords.Embed(text, dimensions),
                // A server that ignores the dimensions it was asked for.
                Scenarios.WrongDimensions => HashedWords.Embed(text, 7),
                _ => new float[] { text.Length, i, 1 },
            };
            return new { @object = "embedding", index = i, embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector };
        }).ToArray();
        await http.Response.WriteAsJsonAsync(new { @object = "list", data, model, usage = new { prompt_tokens = inputs.Length, total_tokens = inputs.Length } });
    }

    private int Record(string model, JsonObject body)
    {
        var list = _requests.GetOrAdd(model, _ => new ConcurrentQueue<JsonObject>());
        list.Enqueue(body);
        return list.Count;
    }

    private static IEnumerable<string> Words() => Reply.Split(' ').Select((w, i) => i == 0 ? w : " " + w);

    private static object Chunk(string model, object delta, string? finish) => new
    {
        id = "chatcmpl-fake", @object = "chat.completion.chunk", created = 1, model,
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
    };

    private static async Task ErrorAsync(HttpContext http, int status, string code, string? retryAfter = null)
    {
        http.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }

        await http.Response.WriteAsJsonAsync(new { error = new { message = "fake " + code, type = code, param = (string?)null, code } });
    }

    private static Task SendAsync(HttpContext http, object payload) => SendRawAsync(http, "data: " + JsonSerializer.Serialize(payload) + "\n\n");

    private static async Task SendRawAsync(HttpContext http, string text)
    {
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await http.Response.WriteAsync(text, http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away: that is what the endless scenarios wait for.
        }
    }
}

/// <summary>The model names that choose the fake server's behaviour.</summary>
public static class Scenarios
{
    public const string Ok = "ok";
    public const string RateLimitedOnce = "rate-limited-once";
    public const string RateLimitedLong = "rate-limited-long";
    public const string ServerError = "server-error";
    public const string Unauthorized = "unauthorized";
    public const string Disconnect = "disconnect";
    public const string MalformedFirst = "malformed-first";
    public const string MalformedMid = "malformed-mid";
    public const string Endless = "endless";
    public const string SlowEndless = "slow-endless";
    public const string Silent = "silent";
    public const string EchoSystem = "echo-system";
    public const string Embeddings = "fake-embed";

    /// <summary>Embeddings that mean something: words hashed into the requested dimensions (<see cref="HashedWords"/>).</summary>
    public const string HashedWords = "hashed-words";

    /// <summary>Like <see cref="HashedWords"/>, but the first request is answered 429 with Retry-After 0.</summary>
    public const string EmbeddingsRateLimitedOnce = "hashed-words-rate-limited-once";

    /// <summary>Embeddings of 7 dimensions whatever was asked for.</summary>
    public const string WrongDimensions = "wrong-dimensions";

    /// <summary>Every embeddings request fails with 500.</summary>
    public const string EmbeddingsServerError = "embeddings-server-error";

    public static readonly string[] ChatModels =
        [Ok, RateLimitedOnce, RateLimitedLong, ServerError, Unauthorized, Disconnect, MalformedFirst, MalformedMid, Endless, SlowEndless, Silent, EchoSystem];
}
