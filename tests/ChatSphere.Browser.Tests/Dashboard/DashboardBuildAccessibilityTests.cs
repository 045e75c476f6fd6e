namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// axe-core finds no serious or critical violation on the knowledge, playground, widget and conversations screens
/// (with content, dialogs open where they have them, a reply's details open), light and dark, at desktop width and at 360 px. With
/// CHATSPHERE_DASHBOARD_SCREENSHOTS set to a folder, each state is also saved there as a PNG to look at.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBuildAccessibilityTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData(ColorScheme.Light, 1280)]
    [InlineData(ColorScheme.Dark, 1280)]
    [InlineData(ColorScheme.Light, 360)]
    [InlineData(ColorScheme.Dark, 360)]
    public async Task Axe_finds_nothing_serious_on_the_build_screens(ColorScheme scheme, int width)
    {
        await using var context = await fixture.NewPersonAsync(scheme, width, 900);
        var page = await context.NewPageAsync();
        var found = new List<string>();

        async Task CheckAsync(string screen, string heading, int level = 1)
        {
            // A modal dialog hides the page behind it: then its own heading (level 2) is the one to see.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = level })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{screen} scrolls sideways at {width} px");
            found.AddRange((await fixture.AxeAsync(page)).Select(v => $"{screen}: {v}"));
            await DashboardFixture.ScreenshotAsync(page, screen);
        }

        await DashboardFixture.SignUpAsync(page);
        var (_, botPath) = await DashboardBuildJourneyTests.CreateBotAsync(page, "Access bot");

        await page.GotoAsync($"{botPath}/knowledge");
        await Assertions.Expect(page.GetByText("No knowledge yet")).ToBeVisibleAsync();
        await CheckAsync("knowledge-empty", "Knowledge");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add knowledge" });
        await dialog.GetByLabel("Title").FillAsync("Opening hours");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)" }).FillAsync("# Opening hours\n\nWe are open Monday to Friday, 9:00 to 17:00.");
        await CheckAsync("knowledge-add", "Add knowledge", 2);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid^='source-status-']")).ToHaveAttributeAsync("data-status", "indexed", new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Question" }).FillAsync("opening hours");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retrieval-hits").Locator("mark").First).ToBeVisibleAsync();
        await CheckAsync("knowledge", "Knowledge");

        await page.GotoAsync($"{botPath}/playground");
        await CheckAsync("playground-empty", "Playground");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("When are you open?");
        await page.GetByTestId("playground-send").ClickAsync();
        var reply = page.GetByTestId("playground-reply").Last;
        await Assertions.Expect(reply).Not.ToHaveAttributeAsync("data-streaming", "true", new() { Timeout = 30_000 });
        await reply.GetByTestId("playground-details").GetByText("Details").ClickAsync();
        await Assertions.Expect(reply.GetByTestId("playground-hits")).ToBeVisibleAsync();
        await CheckAsync("playground", "Playground");

        await page.GotoAsync($"{botPath}/widget");
        await Assertions.Expect(page.FrameLocator("[data-testid='widget-preview']").Locator("#cs-title")).ToHaveTextAsync("Access bot");
        await CheckAsync("widget", "Widget");

        await page.GotoAsync($"{botPath}/conversations");
        await page.GetByTestId("conversation-list").GetByRole(AriaRole.Link).Filter(new() { HasText = "Monday" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("transcript")).ToContainTextAsync("When are you open?");
        await CheckAsync("conversations", "Conversations");

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
