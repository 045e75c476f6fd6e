using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.Browser.Tests;

/// <summary>One API, one host-page server and one Chromium shared by the browser tests; each test makes its own
/// bots and its own browser context (fresh storage), so tests do not see each other's conversations.</summary>
public sealed class WidgetFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ApiServer Api { get; private set; } = null!;

    public HostPages Pages { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>axe-core's browser build, from the widget's npm dev dependencies.</summary>
    public string AxeScriptPath { get; } = Path.Combine(RepoRoot(), "widget", "node_modules", "axe-core", "axe.min.js");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        Assertions.SetDefaultExpectTimeout(20_000);
        Api = await ApiServer.StartAsync();
        Pages = await HostPages.StartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine's network is closed: no background traffic, no component updates.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Pages.DisposeAsync();
        await Api.DisposeAsync();
    }

    /// <summary>A fresh browser profile: its own storage, as a new visitor.</summary>
    public Task<IBrowserContext> NewVisitorAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BypassCSP = true; // only so axe-core can be injected; the widget's own policy is tested over HTTP
        options.Locale ??= "en-US";
        return Browser.NewContextAsync(options);
    }

    /// <summary>Creates a bot that allows the host pages' allowed origin; returns its id.</summary>
    public async Task<string> CreateBotAsync(string model = "embedded", object? widget = null, object? leadCapture = null, string[]? allowedDomains = null)
    {
        using var created = await Api.Http.PostAsJsonAsync("api/v1/chatbots", new
        {
            name = "Shop assistant",
            welcomeMessage = "Hello! Ask me about the shop.",
            suggestedQuestions = new[] { "What are your opening hours?" },
            answer = new { model, maxAnswerWords = 2000 },
        }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var botId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var patched = await Api.Http.PatchAsJsonAsync($"api/v1/chatbots/{botId}", new
        {
            allowedDomains = allowedDomains ?? ["localhost"],
            widget,
            leadCapture,
        }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        return botId;
    }

    public async Task AddQaAsync(string botId, string question, string answer)
    {
        using var response = await Api.Http.PostAsJsonAsync($"api/v1/chatbots/{botId}/sources", new { type = "qa", question, answer }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Opens a customer page with the widgets of these bots, on the allowed origin unless told otherwise.</summary>
    public async Task<IPage> OpenHostPageAsync(IBrowserContext context, string? origin, params string[] botIds)
    {
        var page = await context.NewPageAsync();
        var path = Pages.Add(HostPages.Page(Api.Origin, botIds));
        await page.GotoAsync((origin ?? Pages.AllowedOrigin) + path);
        return page;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatSphere.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ChatSphere.sln not found above the test binaries.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WidgetFixture>
{
    public const string Name = "browser";
}
