namespace ChatSphere.Browser.Tests;

/// <summary>Phones get a full-screen panel without zoom; the widget speaks the visitor's language, right to left in Arabic.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutAndLocaleTests(WidgetFixture fixture)
{
    [Fact]
    public async Task On_a_phone_the_open_panel_fills_the_screen_and_the_input_does_not_zoom()
    {
        var botId = await fixture.CreateBotAsync();
        await using var context = await fixture.NewVisitorAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var widget = new Widget(await fixture.OpenHostPageAsync(context, null, botId), botId);
        await Assertions.Expect(widget.Launcher).ToBeVisibleAsync();
        var closed = await widget.FrameElement.BoundingBoxAsync();
        Assert.True(closed is { Width: < 100, Height: < 100 }, "closed, the frame is only the launcher");

        await widget.Launcher.TapAsync();
        await Assertions.Expect(widget.Panel).ToBeVisibleAsync();
        var open = await widget.FrameElement.BoundingBoxAsync();
        Assert.NotNull(open);
        Assert.Equal(0, open.X, 1);
        Assert.Equal(0, open.Y, 1);
        Assert.Equal(390, open.Width, 1);
        Assert.Equal(844, open.Height, 1);
        var panel = await widget.Panel.BoundingBoxAsync();
        Assert.Equal(390, panel!.Width, 1);
        // Mobile browsers zoom into inputs below 16 px.
        Assert.True(await widget.Input.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)") >= 16);
        await Assertions.Expect(widget.Launcher).ToBeHiddenAsync();

        await widget.Ui.Locator(".cs-header button[aria-label='Close chat']").TapAsync();
        await Assertions.Expect(widget.Panel).ToBeHiddenAsync();
        var again = await widget.FrameElement.BoundingBoxAsync();
        Assert.True(again is { Width: < 100 }, "closed again, the frame shrinks back");
    }

    [Fact]
    public async Task The_browser_language_is_used_and_setLocale_switches_it_including_right_to_left()
    {
        var botId = await fixture.CreateBotAsync();
        await using var context = await fixture.NewVisitorAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var widget = new Widget(page, botId);
        await Assertions.Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Ouvrir le chat");

        await page.EvaluateAsync("ChatSphere('setLocale', 'de')");
        await Assertions.Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Chat öffnen");
        await widget.OpenAsync();
        await Assertions.Expect(widget.Input).ToHaveAttributeAsync("placeholder", "Nachricht eingeben…");

        await page.EvaluateAsync("ChatSphere('setLocale', 'ar')");
        await Assertions.Expect(widget.Input).ToHaveAttributeAsync("placeholder", "اكتب رسالتك…");
        Assert.Equal("rtl", await widget.EvalAsync<string>("document.documentElement.dir"));
        Assert.Equal("rtl", await widget.Panel.EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        await page.EvaluateAsync("ChatSphere('setLocale', 'zh')");
        await Assertions.Expect(widget.Input).ToHaveAttributeAsync("placeholder", "输入您的消息…");
        Assert.Equal("ltr", await widget.EvalAsync<string>("document.documentElement.dir"));
    }

    [Fact]
    public async Task The_panel_opens_by_itself_after_the_configured_delay_once_per_visitor()
    {
        var botId = await fixture.CreateBotAsync(widget: new { autoOpenDelaySeconds = 1, launcherIcon = "help" });
        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var widget = new Widget(page, botId);
        await Assertions.Expect(widget.Launcher).ToBeVisibleAsync();
        await Assertions.Expect(widget.Panel).ToBeVisibleAsync();
        await widget.Ui.Locator(".cs-header button[aria-label='Close chat']").ClickAsync();

        await page.ReloadAsync();
        await Assertions.Expect(widget.Launcher).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500);
        await Assertions.Expect(widget.Panel).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_bot_locale_setting_overrides_the_browser()
    {
        var botId = await fixture.CreateBotAsync(widget: new { locale = "es" });
        await using var context = await fixture.NewVisitorAsync(new BrowserNewContextOptions { Locale = "de-DE" });
        var widget = new Widget(await fixture.OpenHostPageAsync(context, null, botId), botId);
        await Assertions.Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Abrir chat");
    }
}
