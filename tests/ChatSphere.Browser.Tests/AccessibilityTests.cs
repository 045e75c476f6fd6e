using System.Text.Json;

namespace ChatSphere.Browser.Tests;

/// <summary>Keyboard-only use, focus handling, ARIA, and axe-core finding nothing serious.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(WidgetFixture fixture)
{
    [Fact]
    public async Task The_widget_is_usable_by_keyboard_alone_and_keeps_focus_in_the_open_panel()
    {
        var botId = await fixture.CreateBotAsync();
        await fixture.AddQaAsync(botId, "What are your opening hours?", "Monday to Friday, 9:00 to 17:00.");
        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var widget = new Widget(page, botId);
        await Assertions.Expect(widget.Launcher).ToBeVisibleAsync();

        // The host page has no controls (its CSS hides buttons): the first Tab reaches the launcher.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(widget.Launcher).ToBeFocusedAsync();
        await Assertions.Expect(widget.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(widget.Panel).ToBeVisibleAsync();
        await Assertions.Expect(widget.Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(widget.Input).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("What are your opening hours?");
        await page.Keyboard.PressAsync("Enter");
        await widget.CompleteReplyAsync(2);
        await Assertions.Expect(widget.Ui.Locator("[role='status']")).ToContainTextAsync("Monday to Friday");

        // Tab and Shift+Tab cycle inside the panel.
        for (var i = 0; i < 14; i++)
        {
            await page.Keyboard.PressAsync(i % 3 == 2 ? "Shift+Tab" : "Tab");
            Assert.True(await widget.EvalAsync<bool>("document.getElementById('cs-panel').contains(document.activeElement)"), $"focus left the panel after key {i}");
        }

        // A rating by keyboard.
        var up = widget.Ui.Locator("li[data-seq='2'] .cs-action").Nth(0);
        await up.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(up).ToHaveAttributeAsync("aria-pressed", "true");

        // Escape closes and hands focus back to the launcher.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(widget.Panel).ToBeHiddenAsync();
        await Assertions.Expect(widget.Launcher).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData("light", "#1d4ed8")]
    [InlineData("dark", "#facc15")]
    public async Task Axe_finds_no_serious_or_critical_violation_in_the_open_widget(string theme, string color)
    {
        var botId = await fixture.CreateBotAsync(widget: new { theme, primaryColor = color, subtitle = "We answer in seconds" }, leadCapture: new { enabled = true, fields = new[] { "name", "email" } });
        await fixture.AddQaAsync(botId, "What are your opening hours?", "We are open **Monday to Friday**. See https://example.com/hours [1]");
        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var widget = new Widget(page, botId);
        await widget.OpenAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-lead")).ToBeVisibleAsync();
        await Assertions.Expect(widget.Ui.Locator(".cs-launcher .cs-badge")).ToBeHiddenAsync();

        var violations = await AxeAsync(widget);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        // A frame document with another colour scheme than the host's would be painted opaque around the panel.
        Assert.Equal("normal", await widget.EvalAsync<string>("getComputedStyle(document.documentElement).colorScheme"));

        await widget.Ui.Locator("#cs-lead-name").FillAsync("Ada");
        await widget.Ui.Locator("#cs-lead-email").FillAsync("ada@example.com");
        await widget.Ui.Locator(".cs-lead button[type='submit']").ClickAsync();
        await widget.SendAsync("What are your opening hours?");
        await widget.CompleteReplyAsync(2);
        violations = await AxeAsync(widget);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private async Task<List<string>> AxeAsync(Widget widget)
    {
        await widget.Frame.AddScriptTagAsync(new() { Path = fixture.AxeScriptPath });
        var result = await widget.Frame.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).join(', ') }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("nodes").GetString()}")
            .ToList();
    }
}
