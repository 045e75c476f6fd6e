using System.Text.Json;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>The real API serving the built dashboard at / and one Chromium, shared by the dashboard's browser tests;
/// each test signs up its own person in its own browser context (fresh storage and cookies).</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public ApiServer Api { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>axe-core's browser build, from the dashboard's npm dev dependencies.</summary>
    public string AxeScriptPath { get; } = Path.Combine(RepoRoot(), "frontend", "node_modules", "axe-core", "axe.min.js");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(WidgetFixture.ChromiumPath), $"Chromium is missing at {WidgetFixture.ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "api", "Dashboard", "dist", "index.html")), "The dashboard is not built: build the api project with Node.js installed.");
        Assertions.SetDefaultExpectTimeout(20_000);
        Api = await ApiServer.StartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = WidgetFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>A fresh browser profile (English, the given colour scheme and viewport).</summary>
    public Task<IBrowserContext> NewPersonAsync(ColorScheme scheme = ColorScheme.Light, int width = 1280, int height = 800) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = Api.BaseAddress.ToString(),
        });

    /// <summary>Signs a new person up through the dashboard's own form; the page ends on the get-started screen.</summary>
    public static async Task<string> SignUpAsync(IPage page, string name = "Dana Dashboard")
    {
        var email = $"dana-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Get started", Level = 1 })).ToBeVisibleAsync();
        return email;
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now.</summary>
    public async Task<List<string>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = AxeScriptPath });
        }

        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).join(', ') }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("nodes").GetString()}")
            .ToList();
    }

    private static string RepoRoot()
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
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
