using System.Text.RegularExpressions;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// From an empty bot to a site that answers, in real Chromium against the real API: a text source reaches indexed live
/// (pushed over /hubs/dashboard: no reload, no polling), the retrieval test marks the matched words, the playground
/// streams a cited reply whose citation opens the passage, the widget's real preview follows an unsaved colour, the
/// copied snippet makes a page on another origin answer, both conversations are in the conversations list, and the
/// usage meter counts them.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardBuildJourneyTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Train_test_embed_and_read_the_conversations()
    {
        await using var context = await fixture.NewPersonAsync();
        var page = await context.NewPageAsync();
        await DashboardFixture.SignUpAsync(page);
        var (botId, botPath) = await CreateBotAsync(page, "Returns desk");

        // Knowledge: live over the dashboard hub.
        await Tab(page, "Knowledge").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Knowledge", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.GetByText("No knowledge yet")).ToBeVisibleAsync();
        var sourceLists = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "GET" && request.Url.Contains("/sources", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sourceLists);
            }
        };
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add knowledge" });
        // The API's field error shows under its field, and the page behind stays as it was.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByText("No knowledge yet")).ToBeAttachedAsync();
        await dialog.GetByLabel("Title").FillAsync("Returns policy");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)" }).FillAsync("# Returns\n\nYou can return any item within **30 days** for a full refund.\n\n<script>alert(1)</script>");
        await dialog.GetByRole(AriaRole.Tab, new() { Name = "Preview" }).ClickAsync();
        var preview = dialog.GetByTestId("markdown-preview");
        await Assertions.Expect(preview.Locator("h1")).ToHaveTextAsync("Returns");
        await Assertions.Expect(preview.Locator("strong")).ToHaveTextAsync("30 days");
        await Assertions.Expect(preview.Locator("script")).ToHaveCountAsync(0);
        await Assertions.Expect(preview).ToContainTextAsync("<script>alert(1)</script>");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var status = page.Locator("[data-testid^='source-status-']");
        await Assertions.Expect(status).ToHaveCountAsync(1);
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "indexed", new() { Timeout = 60_000 });
        await Assertions.Expect(status).ToContainTextAsync("Indexed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        Assert.Equal(0, sourceLists);

        // The retrieval test: ranked chunks with the matched words marked (as text, not HTML).
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Question" }).FillAsync("return refund");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var hits = page.GetByTestId("retrieval-hits");
        await Assertions.Expect(hits.Locator("li").First).ToContainTextAsync("Returns policy");
        await Assertions.Expect(hits.Locator("mark").Filter(new() { HasTextRegex = RefundWord() }).First).ToBeVisibleAsync();

        // The playground: a streamed reply with a citation that opens the passage.
        await Tab(page, "Playground").ClickAsync();
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Can I return an item for a refund?");
        await page.GetByTestId("playground-send").ClickAsync();
        var reply = page.GetByTestId("playground-reply").Last;
        await Assertions.Expect(reply).Not.ToHaveAttributeAsync("data-streaming", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(reply).ToContainTextAsync("30 days");
        await reply.GetByRole(AriaRole.Button, new() { NameRegex = OpenSource() }).First.ClickAsync();
        var cited = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(cited.GetByTestId("cited-chunk")).ToContainTextAsync("within 30 days");
        await cited.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(cited).ToBeHiddenAsync();

        // An administrator sees how the reply was made: the model that answered, timings, tokens and the passages it used.
        var details = reply.GetByTestId("playground-details");
        await details.GetByText("Details").ClickAsync();
        var facts = details.GetByTestId("playground-details-facts");
        await Assertions.Expect(facts).ToContainTextAsync("embedded");
        await Assertions.Expect(facts).ToContainTextAsync(MillisecondsText());
        await Assertions.Expect(facts).ToContainTextAsync(TokenCounts());
        var used = details.GetByTestId("playground-hits").Locator("li");
        await Assertions.Expect(used.First).ToContainTextAsync("Returns policy");
        await Assertions.Expect(used.First).ToContainTextAsync("within 30 days");
        await Assertions.Expect(used.First).ToContainTextAsync(ScoreText());

        // The widget: the real widget previews an unsaved colour, then it is saved.
        await Tab(page, "Widget").ClickAsync();
        var frame = page.FrameLocator("[data-testid='widget-preview']");
        await Assertions.Expect(frame.Locator(".cs-launcher, #cs-panel").First).ToBeAttachedAsync();
        await Assertions.Expect(frame.Locator("html")).ToHaveAttributeAsync("style", PrimaryColor("#1d4ed8"));
        await page.GetByLabel("Brand colour", new() { Exact = true }).FillAsync("#0f766e");
        await Assertions.Expect(frame.Locator("html")).ToHaveAttributeAsync("style", PrimaryColor("#0f766e"));
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Returns help");
        await Assertions.Expect(frame.Locator("#cs-title")).ToHaveTextAsync("Returns help");
        await page.GetByTestId("widget-save").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Widget saved." })).ToBeVisibleAsync();

        // The snippet, copied.
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.Api.Origin });
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy snippet" }).ClickAsync();
        var snippet = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"<script async src=\"{fixture.Api.Origin}/widget.js\" data-bot-id=\"{botId}\"></script>", snippet);

        // A page on another origin with that snippet answers.
        await using (var pages = await HostPages.StartAsync())
        {
            var site = await context.NewPageAsync();
            await site.GotoAsync(pages.AllowedOrigin + pages.Add($"<!doctype html><html lang=\"en\"><head><title>Shop</title>{snippet}</head><body><h1>Shop</h1></body></html>"));
            var widget = new Widget(site, botId);
            await widget.OpenAsync();
            await Assertions.Expect(widget.Ui.Locator("#cs-title")).ToHaveTextAsync("Returns help");
            await widget.SendAsync("How long do I have to return something?");
            Assert.Contains("30 days", await widget.CompleteReplyAsync(2), StringComparison.Ordinal);
            await site.CloseAsync();
        }

        // Both conversations are listed (the playground's and the site's; the preview's own has no reply); the site's
        // opens into its transcript.
        await Tab(page, "Conversations").ClickAsync();
        var list = page.GetByTestId("conversation-list");
        await Assertions.Expect(list.Locator("li").Filter(new() { HasText = "30 days" })).ToHaveCountAsync(2);
        // The search runs on the server (full text over the messages): only the site's question has this word.
        await page.GetByLabel("Search").FillAsync("long");
        await Assertions.Expect(list.Locator("li")).ToHaveCountAsync(1);
        await list.GetByRole(AriaRole.Link).ClickAsync();
        var transcript = page.GetByTestId("transcript");
        await Assertions.Expect(transcript).ToContainTextAsync("How long do I have to return something?");
        await Assertions.Expect(transcript).ToContainTextAsync("Returns policy");

        // A reload on each of these routes keeps the screen.
        foreach (var (path, heading) in new[]
        {
            ($"{botPath}/knowledge", "Knowledge"), ($"{botPath}/playground", "Playground"), ($"{botPath}/widget", "Widget"),
            (new Uri(page.Url).AbsolutePath, "Conversations"), ("/conversations", "Conversations"),
        })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        }

        // The sidebar's entry is the workspace's inbox (every bot's conversations).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/conversations$"));
        await Assertions.Expect(page.GetByTestId("conversation-list").Locator("li").Filter(new() { HasText = "30 days" })).ToHaveCountAsync(2);

        // The usage meter moved: the month's messages count the replies of this journey (metered within seconds, so
        // reload as a person would until they show).
        await page.GotoAsync("/plan");
        var messages = page.Locator("[data-quota='messagesPerMonth'] [data-testid='usage-figure']");
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan and usage", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(messages).ToBeVisibleAsync();
            if (!(await messages.TextContentAsync())!.Trim().StartsWith('0'))
            {
                break;
            }

            await page.ReloadAsync();
        }

        await Assertions.Expect(messages).ToHaveTextAsync(NonZeroCount());
    }

    internal static async Task<(string BotId, string Path)> CreateBotAsync(IPage page, string name)
    {
        await page.GotoAsync("/chatbots");
        await page.GetByTestId("create-chatbot").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        var path = new Uri(page.Url).AbsolutePath;
        return (path.Split('/')[^1], path);
    }

    internal static ILocator Tab(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Chatbot pages" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static Regex PrimaryColor(string color) => new($"--cs-primary:\\s*{Regex.Escape(color)}", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"^\s*[1-9]")]
    private static partial Regex NonZeroCount();

    [GeneratedRegex(@"\d+ ms")]
    private static partial Regex MillisecondsText();

    [GeneratedRegex(@"[1-9]\d* in, [1-9]\d* out")]
    private static partial Regex TokenCounts();

    [GeneratedRegex(@"score 0\.\d+")]
    private static partial Regex ScoreText();

    [GeneratedRegex("^refund", RegexOptions.IgnoreCase)]
    private static partial Regex RefundWord();

    [GeneratedRegex(@"^Open source \[1\]")]
    private static partial Regex OpenSource();
}
