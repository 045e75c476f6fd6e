using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 7: control characters in text are refused at the edge (400 naming the field, or a hub error
/// that keeps the connection), or stripped from extracted documents; never a 500 from PostgreSQL.</summary>
public sealed class ControlCharacterTests(PostgresApiFixture fixture) : IClassFixture<PostgresApiFixture>
{
    private HttpClient Owner => fixture.Owner.Http;

    [Fact]
    public async Task Rest_text_with_a_nul_or_another_control_character_is_a_400_naming_the_field()
    {
        var bot = await Owner.CreateBotAsync();

        await AssertRefusedAsync(Owner.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hello\u0000there" }, ApiHost.Json), "text");
        await AssertRefusedAsync(Owner.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources",
            new { type = "text", title = "Opening hours", text = "We open at nine.\u0000" }, ApiHost.Json), "text");
        await AssertRefusedAsync(Owner.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources",
            new { type = "qa", question = "When\u0007?", answer = "At nine." }, ApiHost.Json), "question");
        await AssertRefusedAsync(Owner.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "Bot\u001b[31m" }, ApiHost.Json), "name");
        await AssertRefusedAsync(Owner.PatchAsJsonAsync("api/v1/me", new { name = "Ann\u0000" }, ApiHost.Json), "name");
        await AssertRefusedAsync(Owner.PatchAsJsonAsync($"api/v1/workspaces/{fixture.Owner.WorkspaceId}", new { name = "Acme\u0000" }, ApiHost.Json), "name");
        await AssertRefusedAsync(Owner.GetAsync($"api/v1/chatbots/{bot.Id}/conversations?q=%00"), "q");
        // The OpenAI-compatible route answers in OpenAI's error shape, naming the place.
        using var completion = await Owner.PostAsJsonAsync("api/v1/chat/completions",
            new { model = bot.Id, messages = new[] { new { role = "user", content = "hi\u0000" } } }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.BadRequest, completion.StatusCode);
        Assert.Contains("control characters", await completion.Content.ReadAsStringAsync());

        // Tab, line feed and carriage return are text, and the same calls work with them.
        using var fine = await Owner.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hello\tthere\r\nsecond line" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        using var source = await Owner.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources",
            new { type = "text", title = "Opening hours", text = "We open at nine.\nWe close at five." }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, source.StatusCode);
    }

    [Fact]
    public async Task A_hub_message_with_a_nul_fails_with_a_hub_error_and_the_connection_goes_on()
    {
        var bot = await Owner.CreateBotAsync();
        await using var hub = fixture.Host.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var refused = await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "hi\u0000")));
        Assert.Contains("text: Must not contain control characters", refused.Message);

        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Equal(ChatEventType.Done, (await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c2", "hi")))[^1].Type);
    }

    [Fact]
    public async Task Documents_and_imports_have_control_characters_stripped_and_are_stored()
    {
        var bot = await Owner.CreateBotAsync();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Opening hours\n\nWe open at nine.\u0000 We close\u0001 at five."));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "hours\u0001.txt");
        using var upload = await Owner.PostAsync($"api/v1/chatbots/{bot.Id}/sources/files", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        using var import = new StringContent("[{\"question\":\"When do you open?\\u0000\",\"answer\":\"At nine.\\u0002\"}]", Encoding.UTF8, "application/json");
        using var imported = await Owner.PostAsync($"api/v1/chatbots/{bot.Id}/sources/qa/import", import);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);

        using var titled = new MultipartFormDataContent();
        titled.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("text")) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "file", "a.txt");
        titled.Add(new StringContent("Title\u0000"), "title");
        await AssertRefusedAsync(Owner.PostAsync($"api/v1/chatbots/{bot.Id}/sources/files", titled), "title");
    }

    private static async Task AssertRefusedAsync(Task<HttpResponseMessage> call, string field)
    {
        using var response = await call;
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors?.ContainsKey(field), $"expected an error on '{field}', got {string.Join(", ", problem.Errors?.Keys.ToArray() ?? [])}");
    }
}
