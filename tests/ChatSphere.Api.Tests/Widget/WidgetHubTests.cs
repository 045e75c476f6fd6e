using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Widget;

/// <summary>The hub's widget checks over real SignalR: the page's origin, signed identities, ratings, the lead form.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class WidgetHubTests(EmbeddedApiFixture fixture)
{
    private ApiHost Host => fixture.Host;

    private string Self => Host.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task Start_conversation_checks_the_page_origin_against_the_allowed_domains()
    {
        var bot = await BotAsync(new { allowedDomains = new[] { "shop.example.com", "*.example.org" } });

        await AssertRefusedAsync(Client(origin: "https://evil.example.net"), bot, "https://evil.example.net");
        await AssertRefusedAsync(Client(origin: "https://example.org"), bot, "https://example.org");
        // The widget frame is served by the API: its requests carry the API's origin and name the host page.
        await AssertRefusedAsync(Client(origin: Self, host: "https://evil.example.net"), bot, "https://evil.example.net");

        await AssertStartsAsync(Client(origin: "https://shop.example.com"), bot);
        await AssertStartsAsync(Client(origin: "https://www.example.org"), bot);
        await AssertStartsAsync(Client(origin: Self, host: "https://shop.example.com"), bot);
        // The API's own pages (the demo), and clients that are not browsers (no Origin header).
        await AssertStartsAsync(Client(origin: Self), bot);
        await AssertStartsAsync(Client(), bot);
    }

    [Fact]
    public async Task The_rest_chat_endpoint_refuses_a_browser_on_another_site()
    {
        var bot = await BotAsync(new { allowedDomains = new[] { "shop.example.com" } });
        using var refused = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot}/messages") { Content = JsonContent.Create(new { text = "hi" }) };
        refused.Headers.Add("Origin", "https://evil.example.net");
        using var response = await Host.Http.SendAsync(refused);
        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("https://evil.example.net", problem.Detail, StringComparison.Ordinal);

        using var allowed = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot}/messages") { Content = JsonContent.Create(new { text = "hi" }) };
        allowed.Headers.Add("Origin", "https://shop.example.com");
        using var ok = await Host.Http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Identify_attaches_a_user_only_with_the_right_signature()
    {
        var bot = await BotAsync(new { });
        await using var hub = Client();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot, null);

        var off = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Identify", start.ConversationId, "u1", "Ann", "ann@example.com", new string('0', 64)));
        Assert.Contains("not enabled", off.Message, StringComparison.Ordinal);

        using var made = await fixture.Http.PostAsync($"api/v1/chatbots/{bot}/widget/identity-secret", null);
        var secret = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var good = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("u1")));
        var forged = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("guessed"), Encoding.UTF8.GetBytes("u1")));

        var wrong = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Identify", start.ConversationId, "u1", "Ann", "ann@example.com", forged));
        Assert.Contains("signature does not match", wrong.Message, StringComparison.Ordinal);
        var otherUser = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Identify", start.ConversationId, "u2", "Bob", null, good));
        Assert.Contains("signature does not match", otherUser.Message, StringComparison.Ordinal);
        using (var none = await fixture.Http.GetAsync($"api/v1/conversations/{start.ConversationId}/visitor"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        await hub.InvokeAsync("Identify", start.ConversationId, "u1", "Ann", "ann@example.com", good);
        var visitor = await fixture.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{start.ConversationId}/visitor");
        Assert.Equal("u1", visitor.GetProperty("userId").GetString());
        Assert.Equal("ann@example.com", visitor.GetProperty("email").GetString());
        Assert.True(visitor.GetProperty("verified").GetBoolean());

        // Turned off again, the old signature no longer works.
        using (await fixture.Http.DeleteAsync($"api/v1/chatbots/{bot}/widget/identity-secret"))
        {
        }

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Identify", start.ConversationId, "u1", "Ann", null, good));
    }

    [Fact]
    public async Task Ratings_are_stored_on_replies_only_and_shown_in_the_messages()
    {
        var bot = await BotAsync(new { });
        await using var hub = Client();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot, null);
        var events = new List<ChatEvent>();
        await foreach (var e in hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "Hello"))
        {
            events.Add(e);
        }

        var question = events[0];
        var reply = events[^1];
        var onQuestion = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Feedback", start.ConversationId, question.MessageId, "up"));
        Assert.Contains("Only replies", onQuestion.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Feedback", start.ConversationId, reply.MessageId, "sideways"));
        await hub.InvokeAsync("Feedback", start.ConversationId, reply.MessageId, "down");
        Assert.Equal("down", await RatingAsync(start.ConversationId, reply.Seq));

        // REST: change it, then clear it.
        using (var up = await fixture.Http.PostAsJsonAsync($"api/v1/conversations/{start.ConversationId}/messages/{reply.MessageId}/feedback", new { rating = "up" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        }

        Assert.Equal("up", await RatingAsync(start.ConversationId, reply.Seq));
        using (var clear = await fixture.Http.PostAsJsonAsync($"api/v1/conversations/{start.ConversationId}/messages/{reply.MessageId}/feedback", new { rating = (string?)null }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        }

        Assert.Null(await RatingAsync(start.ConversationId, reply.Seq));
        using var unknown = await fixture.Http.PostAsJsonAsync($"api/v1/conversations/{start.ConversationId}/messages/msg_nope/feedback", new { rating = "up" }, ApiHost.Json);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_lead_form_takes_only_its_own_fields_when_enabled()
    {
        var off = await BotAsync(new { });
        await using var hub = Client();
        await hub.StartAsync();
        var first = await hub.InvokeAsync<StartDto>("StartConversation", off, null);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubmitLead", first.ConversationId, new Dictionary<string, string> { ["name"] = "Ann" }));
        Assert.Contains("no lead form", refused.Message, StringComparison.Ordinal);

        var on = await BotAsync(new { leadCapture = new { enabled = true, fields = new[] { "name", "email" } } });
        var second = await hub.InvokeAsync<StartDto>("StartConversation", on, null);
        var invalid = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubmitLead", second.ConversationId,
            new Dictionary<string, string> { ["name"] = "Ann", ["email"] = "nope", ["shoe"] = "42" }));
        Assert.Contains("email: Must be an email address.", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("shoe:", invalid.Message, StringComparison.Ordinal);

        await hub.InvokeAsync("SubmitLead", second.ConversationId, new Dictionary<string, string> { ["name"] = "Ann", ["email"] = "ann@example.com" });
        var visitor = await fixture.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{second.ConversationId}/visitor");
        Assert.Equal("Ann", visitor.GetProperty("lead").GetProperty("name").GetString());
        Assert.False(visitor.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task The_public_config_says_whether_the_widget_offers_a_person_and_what_it_says_when_nobody_can_come()
    {
        var defaults = await BotAsync(new { });
        var config = await fixture.Http.GetFromJsonAsync<JsonElement>($"api/v1/widget/{defaults}/config");
        Assert.True(config.GetProperty("liveChat").GetProperty("talkToHumanEnabled").GetBoolean());
        Assert.False(string.IsNullOrEmpty(config.GetProperty("liveChat").GetProperty("offlineMessage").GetString()));

        // Off when the setting is off, or when the visitor-asks rule is: the widget then offers no button.
        var off = await BotAsync(new { liveChat = new { talkToHumanEnabled = false, offlineMessage = "Back at nine." } });
        config = await fixture.Http.GetFromJsonAsync<JsonElement>($"api/v1/widget/{off}/config");
        Assert.False(config.GetProperty("liveChat").GetProperty("talkToHumanEnabled").GetBoolean());
        Assert.Equal("Back at nine.", config.GetProperty("liveChat").GetProperty("offlineMessage").GetString());
        var ruleOff = await BotAsync(new { liveChat = new { handoff = new { visitorAsks = false } } });
        config = await fixture.Http.GetFromJsonAsync<JsonElement>($"api/v1/widget/{ruleOff}/config");
        Assert.False(config.GetProperty("liveChat").GetProperty("talkToHumanEnabled").GetBoolean());
        Assert.False(config.GetProperty("liveChat").TryGetProperty("handoff", out _));
    }

    /// <summary>Every hub client of these tests is made here: a browser's Origin header and the frame's host parameter.</summary>
    private HubConnection Client(string? origin = null, string? host = null)
    {
        var url = new Uri(Host.BaseAddress, host is null ? "hubs/chat" : $"hubs/chat?host={Uri.EscapeDataString(host)}");
        return Host.Hub(builder => builder.WithUrl(url, o =>
        {
            if (origin is not null)
            {
                o.Headers["Origin"] = origin;
            }
        }));
    }

    private async Task<string> BotAsync(object patch)
    {
        var bot = await fixture.Http.CreateBotAsync();
        using var response = await fixture.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", patch, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return bot.Id;
    }

    private async Task<string?> RatingAsync(string conversationId, long seq)
    {
        var page = await fixture.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversationId}/messages");
        var message = page.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("seq").GetInt64() == seq);
        return message.TryGetProperty("feedback", out var rating) ? rating.GetString() : null;
    }

    private static async Task AssertRefusedAsync(HubConnection hub, string botId, string origin)
    {
        await using (hub)
        {
            await hub.StartAsync();
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<StartDto>("StartConversation", botId, null));
            Assert.Contains($"'{origin}' is not allowed", refused.Message, StringComparison.Ordinal);
        }
    }

    private static async Task AssertStartsAsync(HubConnection hub, string botId)
    {
        await using (hub)
        {
            await hub.StartAsync();
            var start = await hub.InvokeAsync<StartDto>("StartConversation", botId, null);
            Assert.False(string.IsNullOrEmpty(start.ConversationId));
        }
    }
}
