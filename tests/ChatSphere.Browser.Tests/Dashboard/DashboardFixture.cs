using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Dashboard;
using ChatSphere.Api.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// The real API serving the built dashboard at /, with emails recorded (so an invitation link can be followed), the
/// same dashboard served as static files from a second origin (a CDN: <see cref="Cdn"/>, allowed by the API's CORS
/// setting), and one Chromium, shared by the dashboard's browser tests. Each test signs up or in its own people, each
/// in its own browser context (fresh storage and cookies).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    public ApiServer Api { get; private set; } = null!;

    public StaticDashboardHost Cdn { get; private set; } = null!;

    public RecordingEmailSender Emails { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>axe-core's browser build, from the dashboard's npm dev dependencies.</summary>
    public string AxeScriptPath { get; } = Path.Combine(WidgetFixture.RepoRoot(), "frontend", "node_modules", "axe-core", "axe.min.js");

    public async Task InitializeAsync()
    {
        var dist = Path.Combine(WidgetFixture.RepoRoot(), "api", "Dashboard", "dist");
        Assert.True(File.Exists(WidgetFixture.ChromiumPath), $"Chromium is missing at {WidgetFixture.ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        Assert.True(File.Exists(Path.Combine(dist, "index.html")), "The dashboard is not built: build the api project with Node.js installed.");
        Assertions.SetDefaultExpectTimeout(20_000);
        var cdnPort = FreeTcpPort.Next();
        Api = await ApiServer.StartAsync(services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Emails);
            // Every full page load spends the refresh cookie on /api/v1/auth/refresh, which counts against the sign-in
            // limit per address (30 a minute); these tests load dozens of pages from 127.0.0.1 within a minute.
            services.PostConfigure<RateLimitOptions>(o => o.AuthAttemptsPerMinute = 0);
            services.PostConfigure<DashboardCorsOptions>(o => o.AllowedOrigins.Add(StaticDashboardHost.OriginFor(cdnPort)));
        });
        Cdn = await StaticDashboardHost.StartAsync(cdnPort, dist, Api.BaseAddress);
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
        await Cdn.DisposeAsync();
        await Api.DisposeAsync();
    }

    /// <summary>A fresh browser profile (English, the given colour scheme and viewport; relative URLs go to the API's
    /// dashboard; the clipboard may be used).</summary>
    public Task<IBrowserContext> NewPersonAsync(ColorScheme scheme = ColorScheme.Light, int width = 1280, int height = 800) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = Api.BaseAddress.ToString(),
            Permissions = ["clipboard-read", "clipboard-write"],
        });

    /// <summary>Signs a new person up through the dashboard's own form (at <paramref name="origin"/>, the API's by
    /// default); the page ends on the get-started screen. Returns the email.</summary>
    public static async Task<string> SignUpAsync(IPage page, string name = "Dana Dashboard", string origin = "")
    {
        var email = $"dana-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync($"{origin}/sign-up");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Get started", Level = 1 })).ToBeVisibleAsync();
        return email;
    }

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

    /// <summary>Creates a chatbot in the workspace through the API; returns its id.</summary>
    public static async Task<string> CreateBotAsync(HttpClient http, string workspaceId, string name, string? model = null)
    {
        object body = model is null ? new { workspaceId, name } : new { workspaceId, name, answer = new { model } };
        using var created = await http.PostAsJsonAsync("api/v1/chatbots", body, ApiServer.Json);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ApiServer.Json)).GetProperty("id").GetString()!;
    }

    /// <summary>Signs in through the dashboard's sign-in screen and waits for the signed-in shell.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Opens a dashboard route and waits for its screen (its h1).</summary>
    public static async Task OpenAsync(IPage page, string path, string heading)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
    }

    /// <summary>With CHATSPHERE_DASHBOARD_SCREENSHOTS set to a folder, saves the whole page there as
    /// <c>&lt;name&gt;-&lt;scheme&gt;-&lt;width&gt;.png</c> for a person to look at; otherwise does nothing.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CHATSPHERE_DASHBOARD_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var dark = await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('dark')");
        var width = page.ViewportSize?.Width ?? 0;
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).Trim('-');
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{safe}-{(dark ? "dark" : "light")}-{width}.png"), FullPage = true });
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
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ') }))");
        return result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("nodes").GetString()}")
            .ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
