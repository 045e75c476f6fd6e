using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// A ChatSphere server the bench started (the embedded shape, from its Release build) and a signed-up user, driven
/// through the public REST API only.
/// </summary>
public sealed class ProductServer : IAsyncDisposable
{
    private readonly ServerProcess _server;
    private readonly string _workFolder;
    private readonly HttpClient _http;

    private ProductServer(ServerProcess server, string workFolder, HttpClient http)
    {
        _server = server;
        _workFolder = workFolder;
        _http = http;
    }

    public static async Task<ProductServer> StartAsync(string repo, CancellationToken cancellationToken)
    {
        // The bench asks thousands of searches and questions in a row: the per-minute API allowance is not what is
        // measured, and a full run outlasts the 15-minute access token it signed in with.
        var (server, work) = await ChatSphereLauncher.StartProcessAsync(repo, new Dictionary<string, string>
        {
            ["ChatSphere__RateLimits__Enabled"] = "false",
            ["ChatSphere__Auth__AccessTokenLifetime"] = "04:00:00",
        }, cancellationToken);
        var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ChatSphereLauncher.RegisterAsync(http, cancellationToken));
            return new ProductServer(server, work, http);
        }
        catch
        {
            http.Dispose();
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new bot that chunks its sources with the given settings (tokens of the embedding model).</summary>
    public async Task<ProductBot> CreateBotAsync(string name, int chunkTokens, int overlapTokens, CancellationToken cancellationToken)
    {
        var bot = await ProductBot.SendAsync<ProductBot.Created>(
            _http, HttpMethod.Post, "/api/v1/chatbots", new { name, knowledge = new { chunkTokens, overlapTokens } }, HttpStatusCode.Created, cancellationToken);
        return new ProductBot(_http, bot.Id);
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> with the server's embedded model through <c>POST /api/v1/embeddings</c> (base64
    /// vectors, so the reply is small): the server's own encoder, without the ingestion pipeline around it.
    /// </summary>
    public async Task EmbedAsync(string model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var reply = await ProductBot.SendAsync<EmbeddingsReply>(
            _http, HttpMethod.Post, "/api/v1/embeddings", new { model, input = texts, encoding_format = "base64" }, HttpStatusCode.OK, cancellationToken);
        if (reply.Data.Count != texts.Count)
        {
            throw new InvalidOperationException($"POST /api/v1/embeddings returned {reply.Data.Count} vectors for {texts.Count} texts.");
        }
    }

    private sealed record EmbeddingsReply(List<JsonElement> Data);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process: the folder is under the temp folder, left for the OS.
        }
    }
}
