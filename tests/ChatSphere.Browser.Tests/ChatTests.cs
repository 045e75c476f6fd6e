using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatSphere.Browser.Tests;

/// <summary>A visitor opens the widget, asks, watches the reply stream in, reads its sources and rates it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(WidgetFixture fixture)
{
    [Fact]
    public async Task Open_send_stream_cite_and_rate_a_reply()
    {
        var botId = await fixture.CreateBotAsync();
        await fixture.AddQaAsync(botId, "What are your opening hours?", "We are open **Monday to Friday**, 9:00 to 17:00.");
        await using var context = await fixture.NewVisitorAsync();
        var page = await context.NewPageAsync();
        var frames = new List<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => frames.Add(frame.Text ?? "");
        await page.GotoAsync(fixture.Pages.AllowedOrigin + fixture.Pages.Add(HostPages.Page(fixture.Api.Origin, botId)));
        var widget = new Widget(page, botId);

        // The host's hostile CSS hides every iframe and button: the widget stays visible and styled.
        await Assertions.Expect(widget.Launcher).ToBeVisibleAsync();
        var box = await widget.FrameElement.BoundingBoxAsync();
        Assert.True(box is { Width: > 50, Height: > 50 }, "the widget frame is visible on the page");
        Assert.NotEqual("rgb(255, 0, 255)", await widget.Launcher.EvaluateAsync<string>("e => getComputedStyle(e).color"));

        await widget.OpenAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-welcome")).ToHaveTextAsync("Hello! Ask me about the shop.");
        await Assertions.Expect(widget.Ui.Locator("#cs-title")).ToHaveTextAsync("Shop assistant");
        await Assertions.Expect(widget.FrameElement).ToHaveAttributeAsync("title", "Shop assistant");

        // A suggested question sends itself.
        await widget.Ui.Locator(".cs-chip", new() { HasText = "What are your opening hours?" }).ClickAsync();
        var text = await widget.CompleteReplyAsync(2);
        Assert.Contains("Monday to Friday", text, StringComparison.Ordinal);
        await Assertions.Expect(widget.Ui.Locator("li[data-seq='2'] .cs-bubble strong")).ToHaveTextAsync("Monday to Friday");
        await Assertions.Expect(widget.Ui.Locator(".cs-suggestions")).ToBeHiddenAsync();

        // The reply came as token events over the hub, then done.
        Assert.Contains(frames, f => f.Contains("\"type\":\"token\"", StringComparison.Ordinal));
        Assert.Contains(frames, f => f.Contains("\"type\":\"done\"", StringComparison.Ordinal));

        // Its source is listed under it.
        await Assertions.Expect(widget.Ui.Locator("li[data-seq='2'] .cs-sources li")).ToHaveTextAsync("What are your opening hours?");

        // Thumbs up: pressed in the widget and stored on the message.
        var up = widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(0);
        await up.ClickAsync();
        await Assertions.Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
        var conversationId = await ConversationIdAsync(widget);
        var messages = await fixture.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversationId}/messages");
        var reply = messages.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("seq").GetInt64() == 2);
        Assert.Equal("up", reply.GetProperty("feedback").GetString());

        // The conversation knows the page it started on.
        var conversation = await fixture.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversationId}");
        Assert.Equal(page.Url, conversation.GetProperty("pageUrl").GetString());

        // Thumbs down replaces it.
        var down = widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(1);
        await down.ClickAsync();
        await Assertions.Expect(down).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(0)).ToHaveAttributeAsync("aria-pressed", "false");
        messages = await fixture.Api.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversationId}/messages");
        Assert.Equal("down", messages.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("seq").GetInt64() == 2).GetProperty("feedback").GetString());

        // The host page heard the events.
        var events = await page.EvaluateAsync<string[]>("window.__events.map(e => e.name)");
        Assert.Equal(["ready", "open", "message", "message"], events);

        // After a reload the rating still shows.
        await page.ReloadAsync();
        await widget.CompleteReplyAsync(2);
        await Assertions.Expect(widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(1)).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task Tokens_stream_in_behind_a_typing_indicator()
    {
        var botId = await fixture.CreateBotAsync(model: "instant");
        await using var context = await fixture.NewVisitorAsync();
        var widget = new Widget(await fixture.OpenHostPageAsync(context, null, botId), botId);
        await widget.OpenAsync();
        await widget.SendAsync("Tell me everything");

        // Partway: the reply is on screen but not finished.
        var streaming = widget.Ui.Locator("li[data-seq='2'][data-status='streaming']");
        await Assertions.Expect(streaming).ToContainTextAsync("word10");
        Assert.DoesNotContain("word120", await streaming.InnerTextAsync(), StringComparison.Ordinal);

        var text = await widget.CompleteReplyAsync(2);
        Assert.Equal(string.Join(' ', Enumerable.Range(1, 120).Select(i => $"word{i}")), Regex.Replace(text, @"^Assistant:\s*", "").Trim());
        await Assertions.Expect(widget.Ui.Locator(".cs-typing")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_demo_page_chats_with_the_demo_bot()
    {
        await using var context = await fixture.NewVisitorAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Api.Origin + "/demo");
        var widget = new Widget(page, "demo");
        await widget.OpenAsync();
        await widget.SendAsync("What is ChatSphere?");
        Assert.Contains("open platform for AI chatbots", await widget.CompleteReplyAsync(2), StringComparison.Ordinal);
        // The page drives the widget through its JS API.
        await page.GetByRole(AriaRole.Button, new() { Name = "ChatSphere('close')" }).ClickAsync();
        await Assertions.Expect(widget.Panel).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Commands_queued_before_the_loader_ran_are_kept()
    {
        var botId = await fixture.CreateBotAsync();
        await using var context = await fixture.NewVisitorAsync();
        var page = await context.NewPageAsync();
        var html = HostPages.Page(fixture.Api.Origin, botId).Replace(
            "<script async src", "<script>ChatSphere('open');</script><script async src", StringComparison.Ordinal);
        await page.GotoAsync(fixture.Pages.AllowedOrigin + fixture.Pages.Add(html));
        var widget = new Widget(page, botId);
        await Assertions.Expect(widget.Panel).ToBeVisibleAsync();

        // Including the loader again is harmless: still one widget.
        await page.AddScriptTagAsync(new() { Url = fixture.Api.Origin + "/widget.js" });
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(1, await page.Locator("iframe[data-chatsphere-bot]").CountAsync());
    }

    [Fact]
    public async Task A_settings_object_configures_the_widget_instead_of_data_attributes()
    {
        var botId = await fixture.CreateBotAsync();
        await using var context = await fixture.NewVisitorAsync();
        var page = await context.NewPageAsync();
        var html = HostPages.Page(fixture.Api.Origin).Replace(
            "</head>",
            $"<script>window.ChatSphereSettings = {{ botId: '{botId}', locale: 'fr', open: true }};</script>" +
            $"<script async src=\"{fixture.Api.Origin}/widget.js\"></script></head>",
            StringComparison.Ordinal);
        await page.GotoAsync(fixture.Pages.AllowedOrigin + fixture.Pages.Add(html));
        var widget = new Widget(page, botId);
        await Assertions.Expect(widget.Panel).ToBeVisibleAsync();
        await Assertions.Expect(widget.Input).ToHaveAttributeAsync("placeholder", "Écrivez votre message…");

        // Listeners can be removed; close is announced to the ones left.
        await page.EvaluateAsync("() => { window.__closed = 0; window.__count = () => window.__closed++; ChatSphere('on', 'close', window.__count); ChatSphere('on', 'close', () => window.__closed += 10); ChatSphere('off', 'close', window.__count); }");
        await page.EvaluateAsync("ChatSphere('toggle')");
        await Assertions.Expect(widget.Panel).ToBeHiddenAsync();
        await page.WaitForFunctionAsync("window.__closed >= 10");
        Assert.Equal(10, await page.EvaluateAsync<int>("window.__closed"));
    }

    [Fact]
    public async Task A_refused_message_shows_an_error_with_retry_and_a_reply_can_be_copied()
    {
        var botId = await fixture.CreateBotAsync();
        await fixture.AddQaAsync(botId, "What is the return policy?", "Returns within 30 days.");
        await using var context = await fixture.NewVisitorAsync(new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] });
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var widget = new Widget(page, botId);
        await widget.OpenAsync();

        // Longer than the server accepts (the input's maxlength is bypassed on purpose).
        await widget.Input.EvaluateAsync("e => { e.value = 'x'.repeat(4001); }");
        await widget.Input.PressAsync("Enter");
        var failed = widget.Ui.Locator(".cs-pending[data-status='failed']");
        await Assertions.Expect(failed.Locator("[role='alert']")).ToContainTextAsync("Your message could not be sent.");
        await failed.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-pending[data-status='failed']")).ToHaveCountAsync(1);

        await widget.SendAsync("What is the return policy?");
        var reply = await widget.CompleteReplyAsync(2);
        await widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(2).ClickAsync();
        await Assertions.Expect(widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(2)).ToHaveAttributeAsync("aria-label", "Copied");
        Assert.Contains("Returns within 30 days.", reply, StringComparison.Ordinal);
        // The reply as shown, with the sources its [1] marker points to.
        Assert.Equal("Returns within 30 days. [1]\n\nSources:\n[1] What is the return policy?", await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
    }

    internal static async Task<string> ConversationIdAsync(Widget widget)
    {
        var root = widget.Ui.Locator(".cs-root[data-conversation]");
        await Assertions.Expect(root).ToHaveCountAsync(1);
        return (await root.GetAttributeAsync("data-conversation"))!;
    }
}
