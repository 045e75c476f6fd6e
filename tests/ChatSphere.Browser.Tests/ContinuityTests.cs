namespace ChatSphere.Browser.Tests;

/// <summary>The conversation survives reloads, is shared by tabs, and a dropped connection loses nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContinuityTests(WidgetFixture fixture)
{
    private static readonly string FullReply = string.Join(' ', Enumerable.Range(1, 120).Select(i => $"word{i}"));

    [Fact]
    public async Task A_reload_keeps_the_conversation_and_a_second_tab_shares_it_live()
    {
        var botId = await fixture.CreateBotAsync();
        await fixture.AddQaAsync(botId, "Do you ship abroad?", "Yes, we ship to 40 countries.");
        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var widget = new Widget(page, botId);
        await widget.OpenAsync();
        await widget.SendAsync("Do you ship abroad?");
        Assert.Contains("40 countries", await widget.CompleteReplyAsync(2), StringComparison.Ordinal);
        var conversationId = await ChatTests.ConversationIdAsync(widget);

        await page.ReloadAsync();
        // It was open, so it opens again, with the same conversation and both messages.
        await Assertions.Expect(widget.Panel).ToBeVisibleAsync();
        await Assertions.Expect(widget.Messages).ToHaveCountAsync(2);
        Assert.Contains("40 countries", await widget.CompleteReplyAsync(2), StringComparison.Ordinal);
        Assert.Equal(conversationId, await ChatTests.ConversationIdAsync(widget));

        // Another tab of the same visitor: same conversation; what one tab sends the other shows, and the first
        // tab, closed meanwhile, counts the new reply as unread.
        await widget.Ui.Locator(".cs-header button[aria-label='Close chat']").ClickAsync();
        var second = new Widget(await fixture.OpenHostPageAsync(context, null, botId), botId);
        await Assertions.Expect(second.Messages).ToHaveCountAsync(2);
        await second.OpenAsync();
        await second.SendAsync("Do you ship abroad? Really?");
        await second.CompleteReplyAsync(4);
        await Assertions.Expect(widget.Ui.Locator(".cs-badge")).ToHaveTextAsync("1");
        await Assertions.Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Open chat (1 unread)");
        await widget.OpenAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-badge")).ToBeHiddenAsync();
        await Assertions.Expect(widget.Messages).ToHaveCountAsync(4);
        await widget.CompleteReplyAsync(4);

        // Reset starts a new conversation for this visitor, and the other tab follows it.
        await widget.Ui.Locator(".cs-header button").First.ClickAsync();
        // The list empties as the reset starts; the new conversation's id arrives with the server's answer.
        await Assertions.Expect(widget.Ui.Locator($".cs-root[data-conversation='{conversationId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(widget.Messages).ToHaveCountAsync(0);
        var fresh = await ChatTests.ConversationIdAsync(widget);
        Assert.NotEqual(conversationId, fresh);
        await Assertions.Expect(second.Ui.Locator($".cs-root[data-conversation='{fresh}']")).ToHaveCountAsync(1);
        await Assertions.Expect(second.Messages).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task When_the_server_drops_the_connection_mid_reply_the_widget_resumes_without_loss_or_repeat()
    {
        var botId = await fixture.CreateBotAsync(model: "instant");
        await using var context = await fixture.NewVisitorAsync();
        var page = await context.NewPageAsync();
        var sockets = 0;
        page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);
        await page.GotoAsync(fixture.Pages.AllowedOrigin + fixture.Pages.Add(HostPages.Page(fixture.Api.Origin, botId)));
        var widget = new Widget(page, botId);
        await widget.OpenAsync();
        await widget.SendAsync("Tell me a long story");

        await Assertions.Expect(widget.Ui.Locator("li[data-seq='2'][data-status='streaming']")).ToContainTextAsync("word15");
        Assert.True(fixture.Api.Connections.DropAll() >= 1, "the server dropped the widget's connection");

        var shown = await widget.CompleteReplyAsync(2);
        Assert.Equal(FullReply, shown.Replace("Assistant:", "", StringComparison.Ordinal).Trim());
        Assert.True(sockets >= 2, "the widget reconnected");
        // One question, one reply: nothing was sent twice.
        await Assertions.Expect(widget.Messages).ToHaveCountAsync(2);
    }
}
