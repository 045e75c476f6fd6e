using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Api.Tests.Knowledge;

/// <summary>The sources routes over real HTTP: every way in, the bot citing what it learned, and the limits.</summary>
[Collection(KnowledgeApiCollection.Name)]
public sealed class SourcesApiTests(KnowledgeApiFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_text_source_is_indexed_and_the_bot_answers_and_cites_from_it()
    {
        var bot = await Http.CreateBotAsync(new { name = "Museum bot", answer = new { model = "embedded" } });

        using var created = await Http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources",
            new { type = "text", title = "Museum", text = "The museum is open from Tuesday to Sunday, ten to six. Entry is free for children." }, ApiHost.Json);
        var source = (await created.Content.ReadFromJsonAsync<KnowledgeSource>(ApiHost.Json))!;
        var indexed = await fixture.SettledAsync(bot.Id, source.Id);
        var reply = await Http.AskAsync(bot.Id, "When is the museum open?");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((SourceType.Text, SourceStatus.Queued), (source.Type, source.Status));
        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Contains("Tuesday to Sunday", reply.Text, StringComparison.Ordinal);
        Assert.Equal(source.Id, Assert.Single(reply.Citations).SourceId);
    }

    [Fact]
    public async Task A_streamed_reply_ends_with_the_message_and_its_citations_which_the_log_keeps()
    {
        var bot = await Http.CreateBotAsync(new { name = "Library bot", answer = new { model = "embedded" } });
        using var created = await Http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources", new
        {
            type = "text",
            title = "Library guide",
            text = "# Membership\n\nMembership is free for residents.\n\n# Loans\n\nBooks are lent for three weeks and can be renewed twice.",
        }, ApiHost.Json);
        var source = (await created.Content.ReadFromJsonAsync<KnowledgeSource>(ApiHost.Json))!;
        await fixture.SettledAsync(bot.Id, source.Id);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot.Id}/messages")
        {
            Content = JsonContent.Create(new { text = "How long can I keep a book?", stream = true }, options: ApiHost.Json),
        };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await SseReader.ReadAllAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", events[^1].Event);
        Assert.True(events.Count > 3, "The reply did not stream word by word.");
        var done = events[^1].Data;
        var text = done.GetProperty("text").GetString()!;
        Assert.Equal(text, string.Concat(events.SkipLast(1).Select(e => e.Data.GetProperty("text").GetString())));
        Assert.Equal("Books are lent for three weeks and can be renewed twice. [1]", text);
        var citation = Assert.Single(done.GetProperty("citations").EnumerateArray());
        Assert.Equal(1, citation.GetProperty("index").GetInt32());
        Assert.Equal(source.Id, citation.GetProperty("sourceId").GetString());
        Assert.Equal("Library guide > Loans", citation.GetProperty("title").GetString());
        Assert.Equal("Loans", citation.GetProperty("heading").GetString());
        Assert.InRange(citation.GetProperty("score").GetDouble(), 0.3, 1.0);

        var conversationId = done.GetProperty("conversationId").GetString();
        var log = await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/conversations/{conversationId}/messages", ApiHost.Json);
        var stored = log.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(text, stored.GetProperty("text").GetString());
        Assert.Equal("Loans", Assert.Single(stored.GetProperty("citations").EnumerateArray()).GetProperty("heading").GetString());
    }

    [Fact]
    public async Task An_uploaded_file_is_indexed_and_searchable()
    {
        var bot = await Http.CreateBotAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("# Loans\n\nBooks are lent for three weeks and can be renewed twice."));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(file, "file", "loans.md");
        form.Add(new StringContent("Library loans"), "title");

        using var created = await Http.PostAsync($"api/v1/chatbots/{bot.Id}/sources/files", form);
        var source = (await created.Content.ReadFromJsonAsync<KnowledgeSource>(ApiHost.Json))!;
        var indexed = await fixture.SettledAsync(bot.Id, source.Id);
        using var search = await Http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/search", new { query = "How long can I keep a book?", topK = 1 }, ApiHost.Json);
        var hits = (await search.Content.ReadFromJsonAsync<List<KnowledgeHit>>(ApiHost.Json))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((SourceType.File, "loans.md", "Library loans"), (source.Type, source.FileName, source.Title));
        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal(source.Id, Assert.Single(hits).SourceId);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_413_and_adds_nothing()
    {
        var bot = await Http.CreateBotAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[KnowledgeApiFixture.MaxFileBytes * 2]), "file", "big.txt" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chatbots/{bot.Id}/sources/files") { Content = form };
        // The refusal then comes before the body is sent, so it cannot race the upload.
        request.Headers.ExpectContinue = true;

        using var response = await Http.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await Http.GetFromJsonAsync<PageDto<KnowledgeSource>>($"api/v1/chatbots/{bot.Id}/sources", ApiHost.Json))!.Items);
    }

    [Fact]
    public async Task An_upload_without_a_file_or_of_an_unsupported_type_is_400()
    {
        var bot = await Http.CreateBotAsync();
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "title" } };
        using var exe = new MultipartFormDataContent { { new ByteArrayContent([0x4D, 0x5A]), "file", "setup.exe" } };

        using var noFile = await Http.PostAsync($"api/v1/chatbots/{bot.Id}/sources/files", empty);
        using var badType = await Http.PostAsync($"api/v1/chatbots/{bot.Id}/sources/files", exe);

        Assert.Contains("file", (await noFile.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Contains("file", (await badType.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Theory]
    [InlineData("text/csv", "question,answer\n\"Do you ship abroad?\",\"Yes, to 40 countries.\"\nCan I return items?,Within 30 days.\n")]
    [InlineData("application/json", """[{"question":"Do you ship abroad?","answer":"Yes, to 40 countries."},{"question":"Can I return items?","answer":"Within 30 days."}]""")]
    public async Task Qa_pairs_import_in_bulk_from_csv_or_json(string mediaType, string body)
    {
        var bot = await Http.CreateBotAsync();

        using var response = await Http.PostAsync($"api/v1/chatbots/{bot.Id}/sources/qa/import", new StringContent(body, Encoding.UTF8, mediaType));
        var imported = (await response.Content.ReadFromJsonAsync<PageDto<KnowledgeSource>>(ApiHost.Json))!;
        var listed = (await Http.GetFromJsonAsync<PageDto<KnowledgeSource>>($"api/v1/chatbots/{bot.Id}/sources", ApiHost.Json))!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["Do you ship abroad?", "Can I return items?"], imported.Items.Select(s => s.Question));
        Assert.All(imported.Items, s => Assert.Equal(SourceStatus.Indexed, s.Status));
        Assert.Equal(2, listed.Items.Count);
    }

    [Fact]
    public async Task A_bad_import_is_400_naming_the_item_and_adds_nothing()
    {
        var bot = await Http.CreateBotAsync();

        using var response = await Http.PostAsync($"api/v1/chatbots/{bot.Id}/sources/qa/import",
            new StringContent("""[{"question":"Fine?","answer":"Yes."},{"question":"","answer":"No question."}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(["items[1].question"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Empty((await Http.GetFromJsonAsync<PageDto<KnowledgeSource>>($"api/v1/chatbots/{bot.Id}/sources", ApiHost.Json))!.Items);
    }

    [Fact]
    public async Task A_blocked_url_ends_failed_with_its_reason_readable_through_get()
    {
        var bot = await Http.CreateBotAsync();

        using var created = await Http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources",
            new { type = "url", url = "http://169.254.169.254/latest/meta-data/" }, ApiHost.Json);
        var source = (await created.Content.ReadFromJsonAsync<KnowledgeSource>(ApiHost.Json))!;
        var failed = await fixture.SettledAsync(bot.Id, source.Id);

        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.StartsWith("Blocked:", failed.Error, StringComparison.Ordinal);
    }
}
