using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ChatSphere.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class ChatbotsApiTests(EmbeddedApiFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Create_get_update_list_and_delete()
    {
        var bot = await Http.CreateBotAsync(new { name = "  Support  ", welcomeMessage = "Hello!", answer = new { model = "embedded", minScore = 0.7 } });
        Assert.StartsWith("bot_", bot.Id);
        Assert.Equal("Support", bot.Name);
        Assert.Equal(fixture.User.WorkspaceId, bot.WorkspaceId);
        Assert.Equal(0.7, bot.Answer.MinScore);

        var fetched = await Http.GetFromJsonAsync<BotDto>($"api/v1/chatbots/{bot.Id}", ApiHost.Json);
        Assert.Equal(bot, fetched);

        using (var patch = await Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { fallbackMessage = "Ask a human." }, ApiHost.Json))
        {
            var updated = (await patch.Content.ReadFromJsonAsync<BotDto>(ApiHost.Json))!;
            Assert.Equal("Ask a human.", updated.FallbackMessage);
            Assert.Equal("Hello!", updated.WelcomeMessage);
            Assert.Equal(bot.Version + 1, updated.Version);
        }

        var list = await Http.GetFromJsonAsync<PageDto<BotDto>>("api/v1/chatbots?limit=100", ApiHost.Json);
        Assert.Contains(list!.Items, b => b.Id == bot.Id);

        using (var delete = await Http.DeleteAsync($"api/v1/chatbots/{bot.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var gone = await Http.GetAsync($"api/v1/chatbots/{bot.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var again = await Http.DeleteAsync($"api/v1/chatbots/{bot.Id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Chunking_settings_are_set_at_creation_patched_and_validated_by_field()
    {
        var bot = await Http.CreateBotAsync(new { name = "Chunky", knowledge = new { chunkTokens = 120 } });
        var created = await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/chatbots/{bot.Id}", ApiHost.Json);
        Assert.Equal((120, 30), (created.GetProperty("knowledge").GetProperty("chunkTokens").GetInt32(), created.GetProperty("knowledge").GetProperty("overlapTokens").GetInt32()));

        using (var patch = await Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { knowledge = new { overlapTokens = 20 } }, ApiHost.Json))
        {
            var updated = await patch.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiHost.Json);
            Assert.Equal((120, 20), (updated.GetProperty("knowledge").GetProperty("chunkTokens").GetInt32(), updated.GetProperty("knowledge").GetProperty("overlapTokens").GetInt32()));
        }

        using var tooSmall = await Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { knowledge = new { chunkTokens = 8 } }, ApiHost.Json);
        Assert.Contains("knowledge.chunkTokens", (await tooSmall.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var tooMuchOverlap = await Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { knowledge = new { overlapTokens = 100 } }, ApiHost.Json);
        Assert.Contains("knowledge.overlapTokens", (await tooMuchOverlap.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task Retrieval_settings_are_set_at_creation_patched_and_validated_by_field()
    {
        var bot = await Http.CreateBotAsync(new { name = "Finder", knowledge = new { minScore = 0.25 } });
        var created = (await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/chatbots/{bot.Id}", ApiHost.Json)).GetProperty("knowledge");
        Assert.Equal((0.25, 1.0, 0.82), (created.GetProperty("minScore").GetDouble(), created.GetProperty("mmrLambda").GetDouble(), created.GetProperty("curatedMinSimilarity").GetDouble()));

        using (var patch = await Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { knowledge = new { mmrLambda = 0.7, curatedMinSimilarity = 0.9 } }, ApiHost.Json))
        {
            var updated = (await patch.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiHost.Json)).GetProperty("knowledge");
            Assert.Equal((0.25, 0.7, 0.9), (updated.GetProperty("minScore").GetDouble(), updated.GetProperty("mmrLambda").GetDouble(), updated.GetProperty("curatedMinSimilarity").GetDouble()));
        }

        using var bad = await Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { knowledge = new { minScore = 2, mmrLambda = -1 } }, ApiHost.Json);
        Assert.Equal(["knowledge.minScore", "knowledge.mmrLambda"], (await bad.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys.Order());
    }

    [Fact]
    public async Task A_body_never_sets_the_identity_secret_and_nested_settings_patch_member_by_member()
    {
        var bot = await Http.CreateBotAsync(new { name = "Sealed", identitySecret = "from-the-body", answer = new { temperature = 0.5 } });
        var created = await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/chatbots/{bot.Id}", ApiHost.Json);
        Assert.False(created.GetProperty("identityVerification").GetBoolean());

        using var patch = await Http.PatchAsJsonAsync(
            $"api/v1/chatbots/{bot.Id}", new { identitySecret = "from-the-body", answer = new { maxAnswerWords = 60 }, widget = new { title = "Help" } }, ApiHost.Json);
        var updated = await patch.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiHost.Json);
        var answer = updated.GetProperty("answer");

        Assert.False(updated.GetProperty("identityVerification").GetBoolean());
        Assert.Equal((0.5, 60, 0.3), (answer.GetProperty("temperature").GetDouble(), answer.GetProperty("maxAnswerWords").GetInt32(), answer.GetProperty("minScore").GetDouble()));
        Assert.Equal(("Help", "#1d4ed8"), (updated.GetProperty("widget").GetProperty("title").GetString(), updated.GetProperty("widget").GetProperty("primaryColor").GetString()));
    }

    [Fact]
    public async Task Listing_pages_with_a_cursor()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var workspace = owner.WorkspaceId;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await owner.Http.CreateBotAsync(new { workspaceId = workspace, name = $"Bot {i}" })).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await owner.Http.GetFromJsonAsync<PageDto<BotDto>>($"api/v1/chatbots?workspaceId={workspace}&limit=2&cursor={cursor}", ApiHost.Json);
            Assert.True(page!.Items.Count <= 2);
            seen.AddRange(page.Items.Select(b => b.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        ids.Reverse();
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Invalid_settings_name_every_field_at_fault()
    {
        using var response = await Http.PostAsJsonAsync("api/v1/chatbots", new
        {
            name = "",
            language = "not a language",
            suggestedQuestions = Enumerable.Repeat("q", 11),
            answer = new { model = "no-such-model", minScore = 2.0 },
        }, ApiHost.Json);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        Assert.Contains("name", problem.Errors!.Keys);
        Assert.Contains("language", problem.Errors.Keys);
        Assert.Contains("suggestedQuestions", problem.Errors.Keys);
        Assert.Contains("answer.model", problem.Errors.Keys);
        Assert.Contains("answer.minScore", problem.Errors.Keys);
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_are_400_problems_naming_the_field()
    {
        using var malformed = await Http.PostAsync("api/v1/chatbots", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        var problem = await malformed.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);

        using var wrongType = await Http.PostAsync("api/v1/chatbots", new StringContent("{\"name\": 42}", Encoding.UTF8, "application/json"));
        var typed = await wrongType.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.name", typed.Errors!.Keys);

        using var badEnum = await Http.PostAsync("api/v1/chatbots/demo/sources", new StringContent("{\"type\": \"banana\"}", Encoding.UTF8, "application/json"));
        var enumProblem = await badEnum.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.type", enumProblem.Errors!.Keys);
    }

    [Fact]
    public async Task Oversize_body_is_413_problem()
    {
        var huge = new string('x', 2 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/chatbots")
        {
            Content = new StringContent($"{{\"name\": \"{huge}\"}}", Encoding.UTF8, "application/json"),
        };
        // As a careful client does: the server refuses on the declared length, before the body is sent, so the
        // answer cannot race a connection the server closes while the client is still writing.
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_404_problems()
    {
        using var unknown = await Http.GetAsync("api/v1/chatbots/bot_doesnotexist");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var malformed = await Http.PatchAsJsonAsync("api/v1/chatbots/" + new string('x', 200), new { name = "x" }, ApiHost.Json);
        await malformed.ProblemAsync(HttpStatusCode.NotFound);
        using var conversation = await Http.GetAsync("api/v1/conversations/conv_nope/messages");
        await conversation.ProblemAsync(HttpStatusCode.NotFound);
        using var badLimit = await Http.GetAsync("api/v1/chatbots?limit=1000");
        var problem = await badLimit.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("limit", problem.Errors!.Keys);
    }
}
