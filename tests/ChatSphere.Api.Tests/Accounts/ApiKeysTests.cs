using System.Net;
using System.Net.Http.Json;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Accounts;

[Collection(AccountsApiCollection.Name)]
public sealed class ApiKeysTests(AccountsApiFixture fixture)
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task A_key_is_shown_once_stored_with_a_visible_prefix_and_does_what_its_scopes_allow()
    {
        using var owner = await Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var bot = await owner.Http.CreateBotAsync();

        var chat = await CreateKeyAsync(owner, new { name = "Chat only", scopes = new[] { "chat" } });
        Assert.StartsWith(chat.Key.Prefix + "_", chat.Secret);
        Assert.StartsWith("csk_", chat.Key.Prefix);
        var listed = await owner.Http.GetStringAsync($"api/v1/workspaces/{ws}/api-keys");
        Assert.Contains(chat.Key.Prefix, listed);
        Assert.DoesNotContain(chat.Secret, listed);

        using var chatClient = Host.Client(chat.Secret);
        Assert.Equal(HttpStatusCode.OK, await chatClient.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hello" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await chatClient.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());

        var read = await CreateKeyAsync(owner, new { name = "Reader", scopes = new[] { "read" } });
        using var readClient = Host.Client(read.Secret);
        Assert.Equal(HttpStatusCode.OK, await readClient.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await readClient.GetAsync("api/v1/chatbots").StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await readClient.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "x" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await readClient.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "hello" }, ApiHost.Json).StatusAsync());

        var write = await CreateKeyAsync(owner, new { name = "Writer", scopes = new[] { "write" } });
        using var writeClient = Host.Client(write.Secret);
        Assert.Equal(HttpStatusCode.OK, await writeClient.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { name = "By key" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Created, await writeClient.PostAsJsonAsync("api/v1/chatbots", new { name = "Made by a key" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await writeClient.GetAsync($"api/v1/workspaces/{ws}/api-keys").StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await writeClient.GetAsync("api/v1/me").StatusAsync());

        var admin = await CreateKeyAsync(owner, new { name = "Admin", scopes = new[] { "admin" } });
        using var adminClient = Host.Client(admin.Secret);
        Assert.Equal(HttpStatusCode.OK, await adminClient.GetAsync($"api/v1/workspaces/{ws}/api-keys").StatusAsync());
        // Member management needs a person.
        Assert.Equal(HttpStatusCode.Forbidden, await adminClient.PostAsJsonAsync($"api/v1/workspaces/{ws}/invitations", new { email = "k@example.com", role = "viewer" }, ApiHost.Json).StatusAsync());

        var keys = (await owner.Http.GetFromJsonAsync<PageDto<ApiKeyDto>>($"api/v1/workspaces/{ws}/api-keys", ApiHost.Json))!.Items;
        Assert.NotNull(keys.Single(k => k.Id == chat.Key.Id).LastUsedAt);
        Assert.Equal(["chat"], keys.Single(k => k.Id == chat.Key.Id).Scopes);

        // Bad input names the field.
        using var badScopes = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys", new { name = "k", scopes = new[] { "everything" } }, ApiHost.Json);
        Assert.Contains("scopes", (await badScopes.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var noName = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys", new { name = "", scopes = new[] { "read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }, ApiHost.Json);
        var problem = await noName.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.Errors!.Keys);
        Assert.Contains("expiresAt", problem.Errors.Keys);
    }

    [Fact]
    public async Task A_key_limited_to_one_chatbot_reaches_no_other_and_no_other_workspace()
    {
        using var owner = await Host.RegisterAsync();
        var mine = await owner.Http.CreateBotAsync();
        var sibling = await owner.Http.CreateBotAsync();
        using var other = await Host.RegisterAsync();
        var foreign = await other.Http.CreateBotAsync();

        var limited = await CreateKeyAsync(owner, new { name = "One bot", scopes = new[] { "chat", "read" }, botId = mine.Id });
        Assert.Equal(mine.Id, limited.Key.BotId);
        using var http = Host.Client(limited.Secret);
        Assert.Equal(HttpStatusCode.OK, await http.PostAsJsonAsync($"api/v1/chat/{mine.Id}/messages", new { text = "hi" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await http.GetAsync($"api/v1/chatbots/{mine.Id}/conversations").StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await http.PostAsJsonAsync($"api/v1/chat/{sibling.Id}/messages", new { text = "hi" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await http.GetAsync($"api/v1/chatbots/{sibling.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await http.GetAsync("api/v1/chatbots").StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await http.PostAsJsonAsync($"api/v1/chat/{foreign.Id}/messages", new { text = "hi" }, ApiHost.Json).StatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, await http.GetAsync($"api/v1/workspaces/{other.WorkspaceId}").StatusAsync());

        using var notOurs = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "k", scopes = new[] { "chat" }, botId = foreign.Id }, ApiHost.Json);
        Assert.Contains("botId", (await notOurs.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task Rotation_keeps_the_old_secret_working_for_the_overlap_only()
    {
        using var owner = await Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var original = await CreateKeyAsync(owner, new { name = "Rotating", scopes = new[] { "read" } });

        var overlapping = await RotateAsync(owner, original.Key.Id, 3600);
        Assert.NotEqual(original.Secret, overlapping.Secret);
        Assert.Equal(original.Key.Prefix, overlapping.Key.Prefix);
        Assert.NotNull(overlapping.Key.PreviousSecretExpiresAt);
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(original.Secret));
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(overlapping.Secret));

        // Without an overlap the secret before is dead at once, and so is any older one.
        var immediate = await RotateAsync(owner, original.Key.Id, 0);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(overlapping.Secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(original.Secret));
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(immediate.Secret));

        using var tooLong = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys/{original.Key.Id}/rotate", new { overlapSeconds = 30 * 86400 }, ApiHost.Json);
        Assert.Contains("overlapSeconds", (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(HttpStatusCode.NotFound, await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{ws}/api-keys/key_unknown/rotate", new { overlapSeconds = 0 }, ApiHost.Json).StatusAsync());
    }

    [Fact]
    public async Task Revocation_stops_the_key_at_once_and_closes_its_live_hub_connections()
    {
        using var owner = await Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var bot = await owner.Http.CreateBotAsync();
        var key = await CreateKeyAsync(owner, new { name = "Live", scopes = new[] { "chat", "read" } });

        await using var hub = Host.Hub(key.Secret);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        var events = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "k1", "hello"));
        Assert.Equal(ChatEventType.Done, events[^1].Type);
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(key.Secret));

        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{ws}/api-keys/{key.Key.Id}").StatusAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(key.Secret));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.DoesNotContain(key.Key.Id, await owner.Http.GetStringAsync($"api/v1/workspaces/{ws}/api-keys"));
        Assert.Equal(HttpStatusCode.NotFound, await owner.Http.DeleteAsync($"api/v1/workspaces/{ws}/api-keys/{key.Key.Id}").StatusAsync());

        // A revoked key cannot open a connection again.
        await using var again = Host.Hub(key.Secret);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => again.StartAsync());
    }

    [Fact]
    public async Task Members_watch_their_workspace_conversations_on_the_hub_and_strangers_cannot()
    {
        using var owner = await Host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        await using var visitor = Host.Hub();
        await visitor.StartAsync();
        var start = await visitor.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        await HubTests.ReadAllAsync(visitor.StreamAsync<ChatEvent>("Send", start.ConversationId, "v1", "a visitor asks"));

        await using var member = Host.Hub(owner.AccessToken);
        await member.StartAsync();
        var seen = new List<ChatEvent>();
        await foreach (var e in member.StreamAsync<ChatEvent>("Resume", start.ConversationId, 0L))
        {
            seen.Add(e);
            if (e.Seq == 2 && e.Type == ChatEventType.Done)
            {
                break;
            }
        }

        Assert.Equal("a visitor asks", seen.First(e => e.Type == ChatEventType.Message).Text);

        using var stranger = await Host.RegisterAsync();
        await using var strangerHub = Host.Hub(stranger.AccessToken);
        await strangerHub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(strangerHub.StreamAsync<ChatEvent>("Resume", start.ConversationId, 0L)));
        Assert.Contains("not found", refused.Message);
        await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<StartDto>("StartConversation", bot.Id, null));

        // A forged credential is refused before the connection opens.
        await using var forged = Host.Hub("not-a-valid-token");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => forged.StartAsync());
    }

    private async Task<IssuedApiKeyDto> CreateKeyAsync(TestUser owner, object body)
    {
        using var response = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", body, ApiHost.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;
    }

    private static async Task<IssuedApiKeyDto> RotateAsync(TestUser owner, string keyId, int overlapSeconds)
    {
        using var response = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys/{keyId}/rotate", new { overlapSeconds }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;
    }

    private async Task<HttpStatusCode> ReadWithAsync(string secret)
    {
        using var http = Host.Client(secret);
        return await http.GetAsync("api/v1/chatbots").StatusAsync();
    }
}
