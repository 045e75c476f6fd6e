using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;

namespace ChatSphere.Api.Tests.Security;

/// <summary>
/// Issue 11, item 4, under load: one node admits one embeddings request at a time with none waiting, so a second is refused
/// with 503 and Retry-After at once; and while a large request runs, a chat on a bot of the offline (MiniLM) model is still
/// answered, since the model encodes visitors' questions before bulk texts.
/// </summary>
public sealed class EmbeddingsLoadTests : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
    {
        ["ChatSphere:Embeddings:MaxInputs"] = "256",
        ["ChatSphere:Embeddings:MaxInputChars"] = "4000",
        ["ChatSphere:Embeddings:InputsPerMinutePerWorkspace"] = "0",
        ["ChatSphere:Embeddings:MaxConcurrentPerNode"] = "1",
        ["ChatSphere:Embeddings:MaxQueuedPerNode"] = "0",
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_saturated_node_answers_503_with_Retry_After_and_a_chat_is_answered_while_a_large_request_runs()
    {
        // The first account of an embedded host owns the demo bot (the offline model: it embeds each question with MiniLM).
        using var owner = await _host.RegisterAsync();
        var text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog near the riverbank. ", 70))[..3900];
        var large = new { model = "all-MiniLM-L6-v2", input = Enumerable.Repeat(text, 256).ToArray() };

        var running = owner.Http.PostAsJsonAsync("api/v1/embeddings", large);
        // Give the large body a head start through the node's one slot (a probe that came first would take it instead).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 100 && refused is null && !running.IsCompleted; i++)
        {
            var second = await owner.Http.PostAsJsonAsync("api/v1/embeddings", new { model = "all-MiniLM-L6-v2", input = "one more" });
            if (second.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                refused = second;
            }
            else
            {
                second.Dispose();
                await Task.Delay(50);
            }
        }

        using var visitor = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var chat = await visitor.AskAsync("demo", "What's the boiling point of tungsten in kelvin?");
        var chatDoneFirst = !running.IsCompleted;
        using var bulk = await running;

        Assert.True(refused is not null, $"no 503; the large request answered {(int)bulk.StatusCode}: {(await bulk.Content.ReadAsStringAsync())[..Math.Min(300, (int)(bulk.Content.Headers.ContentLength ?? 300))]}");
        using (refused)
        {
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Equal("server_overloaded", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        }

        Assert.False(string.IsNullOrWhiteSpace(chat.Text));
        Assert.True(chatDoneFirst, "the chat waited for the bulk embeddings");
        Assert.Contains(bulk.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
    }
}
