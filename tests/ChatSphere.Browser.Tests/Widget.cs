using System.Text.Json;

namespace ChatSphere.Browser.Tests;

/// <summary>One widget on a host page: its frame, and the locators tests use.</summary>
public sealed class Widget(IPage page, string botId)
{
    public IPage Page { get; } = page;

    public string BotId { get; } = botId;

    public IFrameLocator Ui => Page.FrameLocator($"iframe[data-chatsphere-bot='{BotId}']");

    public ILocator FrameElement => Page.Locator($"iframe[data-chatsphere-bot='{BotId}']");

    public ILocator Launcher => Ui.Locator(".cs-launcher");

    public ILocator Panel => Ui.Locator("#cs-panel");

    public ILocator Input => Ui.Locator("#cs-input");

    public ILocator Messages => Ui.Locator(".cs-messages > li");

    public ILocator Replies => Ui.Locator(".cs-messages > li.cs-from-assistant");

    public ILocator Banner => Ui.Locator(".cs-banner");

    /// <summary>The frame itself, for evaluating script inside it.</summary>
    public IFrame Frame => Page.Frames.Single(f => f.Url.Contains($"bot={BotId}", StringComparison.Ordinal));

    public async Task OpenAsync()
    {
        await Assertions.Expect(Launcher).ToBeVisibleAsync();
        await Launcher.ClickAsync();
        await Assertions.Expect(Panel).ToBeVisibleAsync();
    }

    public async Task SendAsync(string text)
    {
        await Input.FillAsync(text);
        await Input.PressAsync("Enter");
    }

    /// <summary>Waits for the reply with this seq to be complete and returns its text as shown.</summary>
    public async Task<string> CompleteReplyAsync(int seq)
    {
        var reply = Ui.Locator($".cs-messages > li[data-seq='{seq}'][data-status='complete']");
        await Assertions.Expect(reply).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return await reply.Locator(".cs-bubble").InnerTextAsync();
    }

    public Task<T> EvalAsync<T>(string script) => Frame.EvaluateAsync<T>(script);

    /// <summary>The widget's saved state for its bot (the frame's localStorage).</summary>
    public async Task<JsonElement> SavedStateAsync() =>
        JsonDocument.Parse(await EvalAsync<string>($"localStorage.getItem('chatsphere.v1.{BotId}') || '{{}}'")).RootElement.Clone();
}
