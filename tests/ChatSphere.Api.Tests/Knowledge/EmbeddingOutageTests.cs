using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;

namespace ChatSphere.Api.Tests.Knowledge;

/// <summary>The knowledge base's embeddings endpoint is down: a Q&amp;A pair that must be embedded to be stored is refused with 503.</summary>
public sealed class EmbeddingOutageTests
{
    [Fact]
    public async Task A_qa_pair_added_while_the_embeddings_endpoint_is_down_gets_503_and_nothing_is_stored()
    {
        using var data = new TestSqlite();
        // Nothing listens on this loopback port: every embeddings request is refused at once.
        var closedPort = FreeTcpPort.Next();
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Knowledge:Embeddings:Provider"] = "openai",
            ["ChatSphere:Knowledge:Embeddings:Endpoint"] = $"http://127.0.0.1:{closedPort}/v1",
            ["ChatSphere:Knowledge:Embeddings:Model"] = "text-embedding-3-small",
            ["ChatSphere:Knowledge:Embeddings:ApiKey"] = "sk-test-outage",
            ["ChatSphere:Knowledge:Embeddings:MaxRetries"] = "0",
            ["ChatSphere:Knowledge:Embeddings:TimeoutSeconds"] = "5",
        });
        using var owner = await host.RegisterAsync();
        var http = owner.Http;
        var bot = await http.CreateBotAsync();

        using var response = await http.PostAsJsonAsync(
            $"api/v1/chatbots/{bot.Id}/sources", new { type = "qa", question = "Do you ship abroad?", answer = "Yes, to 40 countries." }, ApiHost.Json);

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("Embedding with openai:text-embedding-3-small", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-outage", problem.Detail, StringComparison.Ordinal);
        using var sources = JsonDocument.Parse(await http.GetStringAsync($"api/v1/chatbots/{bot.Id}/sources"));
        Assert.Equal(0, sources.RootElement.GetProperty("items").GetArrayLength());
    }
}
