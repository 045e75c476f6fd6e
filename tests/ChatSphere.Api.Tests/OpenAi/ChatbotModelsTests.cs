using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using OpenAI.Chat;

namespace ChatSphere.Api.Tests.OpenAi;

/// <summary>
/// GET /api/v1/models lists, beside the provider models, the chatbots the caller may chat with (their ids are what
/// <c>model</c> takes in /chat/completions), marked <c>owned_by: chatsphere-chatbot</c>; read with the official OpenAI SDK.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ChatbotModelsTests(EmbeddedApiFixture fixture)
{
    private const string ChatbotOwner = "chatsphere-chatbot";

    [Fact]
    public async Task A_signed_in_member_sees_the_chatbots_of_their_workspace_and_no_others_beside_the_provider_models()
    {
        using var member = await fixture.Host.RegisterAsync();
        var first = await member.Http.CreateBotAsync(new { name = "Support", answer = new { model = "instant" } });
        var second = await member.Http.CreateBotAsync(new { name = "Sales", answer = new { model = "instant" } });
        using var stranger = await fixture.Host.RegisterAsync();
        var foreign = await stranger.Http.CreateBotAsync();

        var models = (await OpenAiClients.Sdk(fixture.Host, member.AccessToken).GetOpenAIModelClient().GetModelsAsync()).Value;

        var chatbots = models.Where(m => m.OwnedBy == ChatbotOwner).Select(m => m.Id).ToArray();
        Assert.Contains(first.Id, chatbots);
        Assert.Contains(second.Id, chatbots);
        Assert.DoesNotContain(foreign.Id, models.Select(m => m.Id));
        Assert.Contains(models, m => m.Id == "embedded" && m.OwnedBy != ChatbotOwner);
        Assert.Contains(models, m => m.Id == "instant" && m.OwnedBy != ChatbotOwner);

        // The wire: OpenAI's list shape, each chatbot entry an OpenAI model object with what ChatSphere adds.
        var list = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/models");
        Assert.Equal("list", list.GetProperty("object").GetString());
        var entry = list.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == first.Id);
        Assert.Equal("model", entry.GetProperty("object").GetString());
        Assert.Equal(ChatbotOwner, entry.GetProperty("owned_by").GetString());
        Assert.True(entry.GetProperty("created").GetInt64() > 0);
        Assert.Equal("chatbot", entry.GetProperty("kind").GetString());
        Assert.Equal("Support", entry.GetProperty("chatbot").GetProperty("name").GetString());
        Assert.Equal(member.WorkspaceId, entry.GetProperty("chatbot").GetProperty("workspaceId").GetString());

        // What the list offers is what /chat/completions takes.
        var completion = await OpenAiClients.Sdk(fixture.Host, member.AccessToken).GetChatClient(chatbots[0]).CompleteChatAsync([new UserChatMessage("Hello")]);
        Assert.NotEmpty(completion.Value.Content);
    }

    [Fact]
    public async Task An_API_key_limited_to_one_chatbot_sees_that_chatbot_only_and_can_retrieve_it()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var mine = await owner.Http.CreateBotAsync();
        var sibling = await owner.Http.CreateBotAsync();
        using var created = await owner.Http.PostAsJsonAsync(
            $"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "one bot", scopes = new[] { "chat" }, botId = mine.Id }, ApiHost.Json);
        created.EnsureSuccessStatusCode();
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("secret").GetString()!;
        var client = OpenAiClients.Sdk(fixture.Host, secret).GetOpenAIModelClient();

        var models = (await client.GetModelsAsync()).Value;

        Assert.Equal([mine.Id], models.Where(m => m.OwnedBy == ChatbotOwner).Select(m => m.Id).ToArray());
        Assert.Contains(models, m => m.Id == "instant");
        Assert.Equal(ChatbotOwner, (await client.GetModelAsync(mine.Id)).Value.OwnedBy);
        using var http = fixture.Host.Client(secret);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"api/v1/models/{sibling.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_chat_scope_lists_no_chatbots()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        using var created = await owner.Http.PostAsJsonAsync(
            $"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "reader", scopes = new[] { "read" } }, ApiHost.Json);
        created.EnsureSuccessStatusCode();
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("secret").GetString()!;

        var models = (await OpenAiClients.Sdk(fixture.Host, secret).GetOpenAIModelClient().GetModelsAsync()).Value;

        Assert.DoesNotContain(models, m => m.OwnedBy == ChatbotOwner);
        Assert.DoesNotContain(models, m => m.Id == bot.Id);
        Assert.Contains(models, m => m.Id == "instant");
    }
}
