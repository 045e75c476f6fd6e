using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;

using ChatSphere.Api.Tests.Accounts;

namespace ChatSphere.Api.Tests.OpenAi;

/// <summary>ChatSphere's OpenAI-compatible routes, called by the official OpenAI .NET SDK and checked on the wire.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class OpenAiCompatibleApiTests(EmbeddedApiFixture fixture)
{
    private static readonly string InstantReply = string.Join(' ', Enumerable.Range(1, 50).Select(i => $"word{i}"));

    [Fact]
    public async Task The_SDK_gets_a_whole_completion_from_a_chatbot_with_usage()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync();
        var chat = (await OpenAiClients.SdkAsync(fixture)).GetChatClient(bot.Id);

        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Hello there")]);

        Assert.Equal(InstantReply, Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(bot.Id, completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task The_SDK_streams_a_completion_to_its_end_with_usage()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync();
        var chat = (await OpenAiClients.SdkAsync(fixture)).GetChatClient(bot.Id);

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello there")], new ChatCompletionOptions { MaxOutputTokenCount = 500 }))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish = update.FinishReason ?? finish;
            usage = update.Usage ?? usage;
        }

        Assert.Equal(InstantReply, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task The_stream_is_in_the_exact_chunk_format_and_ends_with_done()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync();

        using var response = await http.PostAsJsonAsync("api/v1/chat/completions", new
        {
            model = bot.Id,
            stream = true,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = "Hello there" } },
        });
        var lines = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(lines, l => Assert.StartsWith("data: ", l));
        Assert.Equal("data: [DONE]", lines[^1]);
        var chunks = lines[..^1].Select(l => JsonDocument.Parse(l["data: ".Length..]).RootElement).ToArray();
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal(chunks[0].GetProperty("id").GetString(), c.GetProperty("id").GetString());
            Assert.Equal(bot.Id, c.GetProperty("model").GetString());
            Assert.True(c.GetProperty("created").GetInt64() > 0);
        });
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, chunks[0].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        var content = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _))
            .Select(d => d.GetProperty("content").GetString()));
        Assert.Equal(InstantReply, content);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(
            usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task An_unknown_chatbot_is_a_404_in_OpenAIs_error_format()
    {
        var chat = (await OpenAiClients.SdkAsync(fixture)).GetChatClient("bot_does_not_exist");
        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(404, error.Status);

        using var http = OpenAiClients.Http(fixture);
        using var response = await http.PostAsJsonAsync("api/v1/chat/completions", new { model = "bot_does_not_exist", messages = new[] { new { role = "user", content = "Hi" } } });
        var body = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("invalid_request_error", "model", "model_not_found"),
            (body.GetProperty("type").GetString(), body.GetProperty("param").GetString(), body.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Only_keys_with_the_chat_scope_of_the_bots_workspace_may_complete()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync();
        var hi = new ChatMessage[] { new UserChatMessage("Hi") };

        var readOnly = await OpenAiClients.CreateKeyAsync(fixture, "read");
        var forbidden = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClients.Sdk(fixture.Host, readOnly).GetChatClient(bot.Id).CompleteChatAsync(hi));
        Assert.Equal(403, forbidden.Status);

        using var stranger = await fixture.Host.RegisterAsync();
        using var strangersKey = await stranger.Http.PostAsJsonAsync(
            $"api/v1/workspaces/{stranger.WorkspaceId}/api-keys", new { name = "theirs", scopes = new[] { "chat" } }, ApiHost.Json);
        var theirs = (await strangersKey.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("secret").GetString()!;
        var hidden = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClients.Sdk(fixture.Host, theirs).GetChatClient(bot.Id).CompleteChatAsync(hi));
        Assert.Equal(404, hidden.Status);

        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var unauthenticated = await anonymous.PostAsJsonAsync("api/v1/chat/completions", new { model = bot.Id, messages = new[] { new { role = "user", content = "Hi" } } });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        using var models = await anonymous.GetAsync("api/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
    }

    [Fact]
    public async Task Invalid_requests_are_400s_in_OpenAIs_error_format()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync();

        using var noMessages = await http.PostAsJsonAsync("api/v1/chat/completions", new { model = bot.Id, messages = Array.Empty<object>() });
        using var lastIsAssistant = await http.PostAsJsonAsync("api/v1/chat/completions", new { model = bot.Id, messages = new[] { new { role = "assistant", content = "Hi" } } });
        using var notJson = await http.PostAsync("api/v1/chat/completions", new StringContent("{\"model\": ", Encoding.UTF8, "application/json"));

        var errors = new List<JsonElement>();
        foreach (var response in new[] { noMessages, lastIsAssistant, notJson })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            errors.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error"));
        }

        Assert.All(errors, e => Assert.Equal("invalid_request_error", e.GetProperty("type").GetString()));
        Assert.Equal("messages", errors[0].GetProperty("param").GetString());
        Assert.Equal("messages", errors[1].GetProperty("param").GetString());
    }

    [Fact]
    public async Task The_bots_knowledge_answers_and_is_cited()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync(new { name = "Shop", answer = new { model = "embedded" } });
        await http.AddQaAsync(bot.Id, "How long does shipping take?", "Parcels ship within two days.");

        // Indexing may finish after the source is accepted: ask until the knowledge is there.
        var answer = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.PostAsJsonAsync("api/v1/chat/completions", new { model = bot.Id, messages = new[] { new { role = "user", content = "How long does shipping take?" } } });
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            a => a.TryGetProperty("citations", out _),
            "a cited answer from the bot's knowledge",
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(200));

        Assert.Equal("Parcels ship within two days. [1]", answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(1, answer.GetProperty("citations")[0].GetProperty("index").GetInt32());
        Assert.Equal("chatsphere:embedded", answer.GetProperty("system_fingerprint").GetString());
    }

    [Fact]
    public async Task The_SDK_embeds_with_the_offline_model_in_float_and_base64()
    {
        var embeddings = (await OpenAiClients.SdkAsync(fixture)).GetEmbeddingClient("all-MiniLM-L6-v2");

        var result = await embeddings.GenerateEmbeddingsAsync(["The parcel shipped.", "Refunds take a week."]);

        Assert.Equal(2, result.Value.Count);
        var first = result.Value[0].ToFloats().ToArray();
        Assert.Equal(384, first.Length);
        Assert.InRange(Math.Sqrt(first.Sum(x => x * x)), 0.99, 1.01);
        Assert.NotEqual(first, result.Value[1].ToFloats().ToArray());
        Assert.True(result.Value.Usage.InputTokenCount > 0);

        using var http = OpenAiClients.Http(fixture);
        using var plain = await http.PostAsJsonAsync("api/v1/embeddings", new { model = "all-MiniLM-L6-v2", input = "The parcel shipped.", encoding_format = "float" });
        var data = (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data")[0];
        Assert.Equal("embedding", data.GetProperty("object").GetString());
        Assert.Equal(first, data.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray());
    }

    [Fact]
    public async Task Models_are_listed_for_the_SDK_with_capabilities_and_health()
    {
        var models = (await (await OpenAiClients.SdkAsync(fixture)).GetOpenAIModelClient().GetModelsAsync()).Value;
        Assert.Contains(models, m => m.Id == "embedded");
        Assert.Contains(models, m => m.Id == "instant");
        Assert.Contains(models, m => m.Id == "all-MiniLM-L6-v2");

        using var http = OpenAiClients.Http(fixture);
        var list = await http.GetFromJsonAsync<JsonElement>("api/v1/models");
        var embedded = list.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "embedded");
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("model", embedded.GetProperty("object").GetString());
        Assert.Equal("chat", embedded.GetProperty("kind").GetString());
        Assert.Contains("grounded-only", embedded.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("healthy", embedded.GetProperty("health").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Workspace_provider_keys_refuse_unknown_providers_with_a_problem()
    {
        using var http = OpenAiClients.Http(fixture);

        var workspace = fixture.User.WorkspaceId;
        using var put = await http.PutAsJsonAsync($"api/v1/workspaces/{workspace}/ai/providers/openai", new { apiKey = "sk-secret" });
        var problem = await put.ProblemAsync(HttpStatusCode.BadRequest);
        var list = await http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{workspace}/ai/providers");
        using var elsewhere = await http.GetAsync("api/v1/workspaces/ws_not_mine/ai/providers");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        Assert.NotNull(problem);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_routes()
    {
        using var http = OpenAiClients.Http(fixture);

        var document = await http.GetStringAsync("openapi/v1.json");

        foreach (var route in new[] { "/api/v1/chat/completions", "/api/v1/embeddings", "/api/v1/models", "/api/v1/workspaces/{workspaceId}/ai/providers/{provider}", "/api/v1/chatbots/{botId}/usage" })
        {
            Assert.Contains($"\"{route}\"", document);
        }
    }

    [Fact]
    public async Task A_bots_model_settings_are_set_and_validated_against_the_catalogue()
    {
        using var http = OpenAiClients.Http(fixture);
        var bot = await http.CreateBotAsync();

        using var bad = await http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { answer = new { fallbackModels = new[] { "nope/model", "all-MiniLM-L6-v2" }, contextTokens = 10 } });
        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest);
        using var good = await http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { answer = new { fallbackModels = new[] { "embedded" }, contextTokens = 2048, strictMode = true } });
        var answer = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answer");

        Assert.Equal(["answer.contextTokens", "answer.fallbackModels[0]", "answer.fallbackModels[1]"], problem.Errors!.Keys.Order());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(2048, answer.GetProperty("contextTokens").GetInt32());
        Assert.Equal("embedded", answer.GetProperty("fallbackModels")[0].GetString());
        Assert.True(answer.GetProperty("strictMode").GetBoolean());
    }
}
