namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// Live operations end to end in real Chromium against the real API, two browser contexts: a visitor on a host page asks
/// for a person; the agent's inbox shows it without a reload; the agent takes over and types (the visitor sees the
/// indicator, and the agent sees the visitor's), replies (the visitor sees the agent's name), hands back, and the bot
/// answers again. The inbox is axe-clean (no serious or critical violation) in light and dark.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveInboxTests(DashboardFixture fixture)
{
    private const string AgentName = "Ada Agent";

    [Fact]
    public async Task A_visitor_asks_for_a_person_the_agent_takes_over_replies_and_hands_back()
    {
        await using var agentContext = await fixture.NewPersonAsync();
        var agent = await agentContext.NewPageAsync();
        await DashboardFixture.SignUpAsync(agent, AgentName);
        var (botId, _) = await DashboardBuildJourneyTests.CreateBotAsync(agent, "Front desk");

        // The agent watches the inbox (being there makes an agent available); the page is never reloaded.
        await agent.GotoAsync("/conversations");
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Conversations", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("hub-status")).ToHaveTextAsync("Live");
        await agent.EvaluateAsync("() => { window.__sameDocument = true; }");

        await using var pages = await HostPages.StartAsync();
        await using var visitorContext = await fixture.Browser.NewContextAsync(new() { Locale = "en-US" });
        var site = await visitorContext.NewPageAsync();
        await site.GotoAsync(pages.AllowedOrigin + pages.Add(HostPages.Page(fixture.Api.Origin, botId)));
        var widget = new Widget(site, botId);
        await widget.OpenAsync();
        await widget.SendAsync("Hello, is anybody there?");
        await widget.CompleteReplyAsync(2);

        // The visitor asks for a person: the widget says one is coming, the inbox shows the conversation waiting at once.
        await widget.Ui.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-live")).ToContainTextAsync("A person will be with you shortly");
        var list = agent.GetByTestId("conversation-list");
        var waiting = list.Locator("a[data-mode='waiting']");
        await Assertions.Expect(waiting).ToHaveCountAsync(1);
        await Assertions.Expect(waiting).ToContainTextAsync("Waiting");

        // The agent opens it and takes over: the visitor sees who joined.
        await waiting.ClickAsync();
        var transcript = agent.GetByTestId("transcript");
        await Assertions.Expect(transcript).ToContainTextAsync("Hello, is anybody there?");
        await agent.GetByTestId("takeover").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("conversation-mode")).ToContainTextAsync("You hold this conversation");
        await Assertions.Expect(widget.Ui.Locator(".cs-live")).ToContainTextAsync($"{AgentName} joined the conversation");

        // Typing both ways.
        var reply = agent.GetByTestId("reply-text");
        await reply.PressSequentiallyAsync("Hi, this is Ada", new() { Delay = 20 });
        await Assertions.Expect(widget.Ui.Locator(".cs-typing")).ToBeVisibleAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-typing")).ToContainTextAsync($"{AgentName} is typing");
        await widget.Input.PressSequentiallyAsync("Thanks", new() { Delay = 20 });
        await Assertions.Expect(agent.GetByTestId("typing-indicator")).ToContainTextAsync("Visitor is typing");

        // The reply reaches the visitor with the agent's name.
        await agent.GetByTestId("send-reply").ClickAsync();
        var fromAgent = widget.Ui.Locator(".cs-messages > li.cs-from-agent");
        await Assertions.Expect(fromAgent).ToHaveCountAsync(1);
        await Assertions.Expect(fromAgent.Locator(".cs-author")).ToHaveTextAsync(AgentName);
        await Assertions.Expect(fromAgent.Locator(".cs-bubble")).ToContainTextAsync("Hi, this is Ada");
        await Assertions.Expect(widget.Ui.Locator(".cs-typing")).ToBeHiddenAsync();
        await Assertions.Expect(transcript.Locator("li[data-role='agent']")).ToContainTextAsync("Hi, this is Ada");

        // While the agent holds it, the visitor's message gets no bot reply; the agent sees it live.
        await widget.Input.FillAsync("");
        await widget.SendAsync("Can you check my order?");
        await Assertions.Expect(transcript).ToContainTextAsync("Can you check my order?");
        var botReplies = widget.Ui.Locator(".cs-messages > li.cs-from-assistant:not(.cs-from-agent)");
        Assert.Equal(1, await botReplies.CountAsync());

        // Hand back: the visitor is told, and the bot answers again.
        await agent.GetByTestId("handback").ClickAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-live")).ToContainTextAsync("You are chatting with the assistant again.");
        await widget.SendAsync("What are your opening hours?");
        await Assertions.Expect(botReplies).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(botReplies.Last).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 30_000 });
        Assert.True(await agent.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the inbox was reloaded");

        // The inbox with a conversation open is axe-clean in light and in dark.
        await AxeCleanAsync(agent, "light");
        await agent.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Assertions.Expect(agent.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdark\\b"));
        await AxeCleanAsync(agent, "dark");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Keyboard shortcuts" }).ClickAsync();
        await Assertions.Expect(agent.GetByTestId("shortcuts")).ToBeVisibleAsync();
        await AxeCleanAsync(agent, "dark, shortcuts dialog");
    }

    private async Task AxeCleanAsync(IPage page, string state)
    {
        // Colours are checked as they end up, not halfway through a theme change's transitions.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var violations = await fixture.AxeAsync(page);
        Assert.True(violations.Count == 0, $"axe ({state}):\n{string.Join("\n", violations)}");
    }
}
