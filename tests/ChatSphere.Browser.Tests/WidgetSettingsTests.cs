using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Widget;

namespace ChatSphere.Browser.Tests;

/// <summary>Several widgets on one page; appearance applied live; the lead form; signed identities.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetSettingsTests(WidgetFixture fixture)
{
    [Fact]
    public async Task Two_widgets_for_two_bots_on_one_page_keep_separate_state()
    {
        var botA = await fixture.CreateBotAsync(widget: new { position = "right", title = "Sales" });
        var botB = await fixture.CreateBotAsync(widget: new { position = "left", title = "Support" });
        await fixture.AddQaAsync(botA, "Do you have discounts?", "Ten percent off for students.");
        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botA, botB);
        var a = new Widget(page, botA);
        var b = new Widget(page, botB);
        await Assertions.Expect(a.Launcher).ToBeVisibleAsync();
        await Assertions.Expect(b.Launcher).ToBeVisibleAsync();
        var boxA = await a.FrameElement.BoundingBoxAsync();
        var boxB = await b.FrameElement.BoundingBoxAsync();
        Assert.True(boxA!.X > boxB!.X, "Sales sits on the right, Support on the left");

        // A command for one bot opens only that one.
        await page.EvaluateAsync($"ChatSphere('open', '{botA}')");
        await Assertions.Expect(a.Panel).ToBeVisibleAsync();
        await Assertions.Expect(b.Panel).ToBeHiddenAsync();
        await a.SendAsync("Do you have discounts?");
        await a.CompleteReplyAsync(2);

        await page.ReloadAsync();
        await Assertions.Expect(a.Messages).ToHaveCountAsync(2);
        await b.OpenAsync();
        await Assertions.Expect(b.Ui.Locator("#cs-title")).ToHaveTextAsync("Support");
        await Assertions.Expect(b.Ui.Locator(".cs-root[data-conversation]")).ToHaveCountAsync(1);
        Assert.Equal(0, await b.Messages.CountAsync());
        Assert.NotEqual(await ChatTests.ConversationIdAsync(a), await ChatTests.ConversationIdAsync(b));
    }

    [Fact]
    public async Task Appearance_changes_reach_an_open_page_when_the_widget_is_next_opened()
    {
        var botId = await fixture.CreateBotAsync(widget: new { primaryColor = "#1d4ed8", title = "Before" });
        await using var context = await fixture.NewVisitorAsync();
        var widget = new Widget(await fixture.OpenHostPageAsync(context, null, botId), botId);
        await widget.OpenAsync();
        await Assertions.Expect(widget.Ui.Locator("#cs-title")).ToHaveTextAsync("Before");

        using var patched = await fixture.Api.Http.PatchAsJsonAsync($"api/v1/chatbots/{botId}",
            new { widget = new { primaryColor = "#facc15", title = "After", subtitle = "Fresh look", placeholder = "Ask away" } }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await widget.Ui.Locator(".cs-header button[aria-label='Close chat']").ClickAsync();
        await widget.OpenAsync();

        await Assertions.Expect(widget.Ui.Locator("#cs-title")).ToHaveTextAsync("After");
        await Assertions.Expect(widget.Ui.Locator(".cs-subtitle")).ToHaveTextAsync("Fresh look");
        await Assertions.Expect(widget.Input).ToHaveAttributeAsync("placeholder", "Ask away");
        // Yellow brand colour, black text on it for contrast.
        await Assertions.Expect(widget.Ui.Locator(".cs-header")).ToHaveCSSAsync("background-color", "rgb(250, 204, 21)");
        await Assertions.Expect(widget.Ui.Locator(".cs-header")).ToHaveCSSAsync("color", "rgb(0, 0, 0)");
    }

    [Fact]
    public async Task The_lead_form_is_asked_before_chatting_and_kept_with_the_conversation()
    {
        var botId = await fixture.CreateBotAsync(leadCapture: new { enabled = true, fields = new[] { "name", "email", "company" } });
        await using var context = await fixture.NewVisitorAsync();
        var widget = new Widget(await fixture.OpenHostPageAsync(context, null, botId), botId);
        await widget.OpenAsync();
        var form = widget.Ui.Locator(".cs-lead");
        await Assertions.Expect(form).ToBeVisibleAsync();

        await widget.Ui.Locator("#cs-lead-name").FillAsync("Ada Lovelace");
        await widget.Ui.Locator("#cs-lead-email").FillAsync("not an email");
        await form.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(widget.Ui.Locator("#cs-lead-email-error")).ToHaveTextAsync("Please enter a valid email address.");
        await Assertions.Expect(widget.Ui.Locator("#cs-lead-company-error")).ToHaveTextAsync("Please fill in this field.");

        await widget.Ui.Locator("#cs-lead-email").FillAsync("ada@example.com");
        await widget.Ui.Locator("#cs-lead-company").FillAsync("Analytical Engines");
        await form.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();

        var conversationId = await ChatTests.ConversationIdAsync(widget);
        var visitor = await fixture.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversationId}/visitor");
        Assert.Equal("Ada Lovelace", visitor.GetProperty("lead").GetProperty("name").GetString());
        Assert.Equal("Analytical Engines", visitor.GetProperty("lead").GetProperty("company").GetString());
        Assert.Equal("ada@example.com", visitor.GetProperty("email").GetString());
    }

    [Fact]
    public async Task SetUser_with_a_valid_signature_attaches_the_user_and_a_wrong_one_is_refused()
    {
        var botId = await fixture.CreateBotAsync();
        using var made = await fixture.Api.Http.PostAsync($"api/v1/chatbots/{botId}/widget/identity-secret", null);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var secret = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var bot = await fixture.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/chatbots/{botId}");
        Assert.True(bot.GetProperty("identityVerification").GetBoolean());
        Assert.DoesNotContain(secret, bot.GetRawText(), StringComparison.Ordinal);

        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        var widget = new Widget(page, botId);
        await widget.OpenAsync();
        var conversationId = await ChatTests.ConversationIdAsync(widget);

        await page.EvaluateAsync("hash => ChatSphere('setUser', { id: 'user-7', name: 'Grace', email: 'grace@example.com', hash })", Tampered(IdentitySecrets.Sign(secret, "user-7")));
        await Assertions.Expect(page.Locator("body")).ToBeVisibleAsync();
        await Eventually.HoldsAsync(() => errors.Any(e => e.Contains("signature does not match", StringComparison.Ordinal)), "the widget to report the bad signature", TimeSpan.FromSeconds(15));
        using (var none = await fixture.Api.Http.GetAsync($"api/v1/conversations/{conversationId}/visitor"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        await page.EvaluateAsync("hash => ChatSphere('setUser', { id: 'user-7', name: 'Grace', email: 'grace@example.com', hash })", IdentitySecrets.Sign(secret, "user-7"));
        JsonElement visitor = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await fixture.Api.Http.GetAsync($"api/v1/conversations/{conversationId}/visitor");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            visitor = await response.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, "the verified visitor stored with the conversation", TimeSpan.FromSeconds(15));
        Assert.Equal("user-7", visitor.GetProperty("userId").GetString());
        Assert.Equal("Grace", visitor.GetProperty("name").GetString());
        Assert.True(visitor.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Widget_settings_are_validated_field_by_field_and_the_public_config_has_no_secrets()
    {
        var botId = await fixture.CreateBotAsync();
        using var bad = await fixture.Api.Http.PatchAsJsonAsync($"api/v1/chatbots/{botId}", new
        {
            widget = new { primaryColor = "blue", position = "top", offsetX = 500, theme = "neon", avatarUrl = "javascript:alert(1)", locale = "xx" },
            allowedDomains = new[] { "example.com", "http://*", "ftp://files.example.com" },
            leadCapture = new { enabled = true, fields = new[] { "shoe size" } },
        }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "widget.primaryColor", "widget.position", "widget.offsetX", "widget.theme", "widget.avatarUrl", "widget.locale", "allowedDomains[1]", "allowedDomains[2]", "leadCapture.fields" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.False(errors.TryGetProperty("allowedDomains[0]", out _));

        using (await fixture.Api.Http.PostAsync($"api/v1/chatbots/{botId}/widget/identity-secret", null))
        {
        }

        var config = await fixture.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/widget/{botId}/config");
        Assert.True(config.GetProperty("identityVerification").GetBoolean());
        Assert.False(config.TryGetProperty("allowedDomains", out _));
        Assert.DoesNotContain("secret", config.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("#1d4ed8", config.GetProperty("appearance").GetProperty("primaryColor").GetString());
    }

    /// <summary>The signature with its first digit changed.</summary>
    private static string Tampered(string signature) => (signature[0] == '0' ? "1" : "0") + signature[1..];
}
