using System.Globalization;
using System.Net.Http.Json;
using ChatSphere.Bench.Servers;
using Microsoft.Playwright;

namespace ChatSphere.Bench.Dashboard;

/// <summary>How soon the bots list is usable after a full navigation to it, in milliseconds from navigation start.</summary>
public sealed record BotsListResult(double P50Ms, double P95Ms, double MinMs, double MaxMs, int Navigations, int Bots);

/// <summary>
/// The dashboard's bots list on the embedded run: the API's Release build with api/ as its content root (as
/// <c>dotnet run --project api</c> has it, so it serves the dashboard the build made in api/Dashboard/dist) on a fresh
/// SQLite folder, one person signed in through the dashboard in Debian's Chromium (headless), then <c>navigations</c>
/// full page loads of <c>/chatbots</c>, each timed from the navigation's start (the document's time origin) to the
/// moment the table shows every bot and its first row's link is visible and takes the keyboard focus.
/// </summary>
public static class BotsListBench
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string Password = "bench dashboard password";

    /// <summary>Run in the page on every animation frame until true: the table is there with every bot, and its first
    /// link is visible and focusable; records performance.now() (ms since navigation start) the first time.</summary>
    private const string Interactive = """
        bots => {
          const rows = document.querySelectorAll('main table tbody tr');
          const link = document.querySelector('main table tbody tr a[href]');
          if (rows.length < bots || !link || link.getClientRects().length === 0) return false;
          link.focus();
          if (document.activeElement !== link) return false;
          window.__botsInteractiveAt ??= performance.now();
          return true;
        }
        """;

    public static async Task<BotsListResult> RunAsync(string repoRoot, int navigations, int bots, CancellationToken cancellationToken)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: apt-get install -y chromium.");
        }

        var (server, work) = await ChatSphereLauncher.StartProcessAsync(repoRoot, new Dictionary<string, string>
        {
            // One person loads the page dozens of times a minute from one address.
            ["ChatSphere__RateLimits__AuthAttemptsPerMinute"] = "0",
            // The project folder as content root, as `dotnet run --project api` has it: the dashboard is served from
            // api/Dashboard/dist (a build's bin folder has none; publishing copies it).
            ["ASPNETCORE_CONTENTROOT"] = Path.Combine(repoRoot, "api"),
        }, cancellationToken);
        try
        {
            await using (server)
            {
                var email = $"bench-{Guid.NewGuid():N}@example.com";
                await CreateBotsAsync(server.BaseUri, email, bots, cancellationToken);
                var timings = await MeasureAsync(server.BaseUri, email, navigations, bots);
                timings.Sort();
                return new BotsListResult(Percentile(timings, 50), Percentile(timings, 95), timings[0], timings[^1], timings.Count, bots);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task CreateBotsAsync(Uri baseUri, string email, int bots, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        using var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, name = "Bench" }, cancellationToken);
        registered.EnsureSuccessStatusCode();
        var session = await registered.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("accessToken").GetString());
        for (var i = 1; i <= bots; i++)
        {
            using var created = await http.PostAsJsonAsync("/api/v1/chatbots", new { name = $"Bench bot {i}" }, cancellationToken);
            created.EnsureSuccessStatusCode();
        }
    }

    private static async Task<List<double>> MeasureAsync(Uri baseUri, string email, int navigations, int bots)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString(), Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal));

        // Two warm-up loads (the browser's and the server's caches, as for a person who has used the dashboard before).
        var timings = new List<double>(navigations);
        for (var i = -2; i < navigations; i++)
        {
            await page.GotoAsync("/chatbots", new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForFunctionAsync(Interactive, bots, new() { PollingInterval = null, Timeout = 30_000 });
            var at = await page.EvaluateAsync<double>("() => window.__botsInteractiveAt");
            if (i >= 0)
            {
                timings.Add(at);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  navigation {i + 1}: {at:N0} ms"));
            }
        }

        return timings;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
