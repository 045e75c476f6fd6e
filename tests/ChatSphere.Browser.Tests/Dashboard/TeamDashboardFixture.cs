using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// The real API serving the built dashboard, with emails recorded (so an invitation link can be followed), and one
/// Chromium. Each test signs people in through the dashboard in its own browser context.
/// </summary>
public sealed class TeamDashboardFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    public ApiServer Api { get; private set; } = null!;

    public RecordingEmailSender Emails { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>axe-core's browser build, from the dashboard's npm dev dependencies.</summary>
    public string AxeScriptPath { get; } = Path.Combine(WidgetFixture.RepoRoot(), "frontend", "node_modules", "axe-core", "axe.min.js");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(WidgetFixture.ChromiumPath), $"Chromium is missing at {WidgetFixture.ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        Assert.True(File.Exists(Path.Combine(WidgetFixture.RepoRoot(), "api", "Dashboard", "dist", "index.html")), "The dashboard is not built: dotnet build api builds it.");
        Assertions.SetDefaultExpectTimeout(20_000);
        Api = await ApiServer.StartAsync(services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Emails);
            // Every full page load spends the refresh cookie on /api/v1/auth/refresh, which counts against the sign-in
            // limit per address (30 a minute); these tests load dozens of pages from 127.0.0.1 within a minute.
            services.PostConfigure<RateLimitOptions>(o => o.AuthAttemptsPerMinute = 0);
        });
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

    /// <summary>A fresh browser profile (its own storage and cookies) in light or dark.</summary>
    public Task<IBrowserContext> NewContextAsync(ColorScheme scheme = ColorScheme.Light, int width = 1280) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });

    /// <summary>Creates an account through the API (its own workspace), returning its email.</summary>
    public async Task<string> RegisterAsync(string name)
    {
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        using var http = new HttpClient { BaseAddress = Api.BaseAddress };
        using var registered = await http.PostAsJsonAsync("api/v1/auth/register", new { email, password = Password, name }, ApiServer.Json);
        registered.EnsureSuccessStatusCode();
        return email;
    }

    /// <summary>An API client signed in as <paramref name="email"/>, and the id of that person's first workspace.</summary>
    public async Task<(HttpClient Http, string WorkspaceId)> ApiAsAsync(string email)
    {
        var http = new HttpClient { BaseAddress = Api.BaseAddress };
        using var login = await http.PostAsJsonAsync("api/v1/auth/login", new { email, password = Password }, ApiServer.Json);
        login.EnsureSuccessStatusCode();
        var session = await login.Content.ReadFromJsonAsync<JsonElement>(ApiServer.Json);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return (http, session.GetProperty("workspace").GetProperty("id").GetString()!);
    }

    /// <summary>Creates a chatbot in the workspace (answering with the built-in model); returns its id.</summary>
    public static async Task<string> CreateBotAsync(HttpClient http, string workspaceId, string name)
    {
        using var created = await http.PostAsJsonAsync("api/v1/chatbots", new { workspaceId, name }, ApiServer.Json);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ApiServer.Json)).GetProperty("id").GetString()!;
    }

    /// <summary>Signs in through the dashboard's sign-in screen and waits for the signed-in shell.</summary>
    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(new Uri(Api.BaseAddress, "sign-in").ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Opens a dashboard route and waits for its screen (its h1).</summary>
    public async Task OpenAsync(IPage page, string path, string heading)
    {
        await page.GotoAsync(new Uri(Api.BaseAddress, path.TrimStart('/')).ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
    }

    /// <summary>The serious and critical axe-core violations on the page as it is now.</summary>
    public async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScriptPath });
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()}: {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToArray();
    }
}
