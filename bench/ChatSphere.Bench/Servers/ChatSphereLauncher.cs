using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.Bench.Servers;

/// <summary>
/// Starts ChatSphere's embedded shape from its Release build (api/bin/Release/net10.0/ChatSphere.Api.dll) with a fresh
/// SQLite data folder, the instant model on, logging at Warning, then signs up a user and creates the bench's chatbot.
/// </summary>
public static class ChatSphereLauncher
{
    public const string ApiProject = "api/ChatSphere.Api.csproj";
    public const string ApiDll = "api/bin/Release/net10.0/ChatSphere.Api.dll";

    /// <summary>Settings inherited from the caller's shell that would change the shape under test.</summary>
    private static readonly string[] InheritedSettingsToDrop =
        ["ConnectionStrings__Postgres", "ConnectionStrings__Redis", "ChatSphere__Api__Mode", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    /// <summary>Builds api/ in Release; without <paramref name="widget"/> the widget's npm build is skipped (benches that only use the REST API).</summary>
    public static async Task BuildAsync(string repoRoot, CancellationToken cancellationToken, bool widget = true)
    {
        var build = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot };
        foreach (var argument in new[] { "build", "-c", "Release", ApiProject, "-nologo", "-v", "quiet" })
        {
            build.ArgumentList.Add(argument);
        }

        if (!widget)
        {
            build.ArgumentList.Add("-p:ChatSphereSkipWidget=true");
        }

        using var process = Process.Start(build) ?? throw new InvalidOperationException("Could not start dotnet build.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release {ApiProject} failed with code {process.ExitCode}.");
        }
    }

    public static async Task<ServerUnderTest> StartAsync(string repoRoot, int tokenCount, CancellationToken cancellationToken)
    {
        var (process, work) = await StartProcessAsync(repoRoot, new Dictionary<string, string>
        {
            ["ChatSphere__Ai__InstantModel__Enabled"] = "true",
            ["ChatSphere__Ai__InstantModel__TokenCount"] = tokenCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        try
        {
            var botId = await CreateBotAsync(process.BaseUri, cancellationToken);
            return new ServerUnderTest(ServerKind.ChatSphere, process, botId, work);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the embedded shape with a fresh data folder (under the returned work folder, which the caller deletes) and
    /// <paramref name="settings"/> added to its environment.
    /// </summary>
    public static async Task<(ServerProcess Process, string WorkFolder)> StartProcessAsync(
        string repoRoot, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(repoRoot, ApiDll);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build it with `dotnet build -c Release {ApiProject}` (or run the bench without --no-build).");
        }

        var work = Directory.CreateTempSubdirectory("chatsphere-bench-").FullName;
        var ports = FreePorts.Take(3);
        var baseUri = new Uri($"http://127.0.0.1:{ports[0]}");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var name in InheritedSettingsToDrop)
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/');
        start.Environment["ChatSphere__DataPath"] = Path.Combine(work, "data");
        start.Environment["ChatSphere__Demo__Enabled"] = "false";
        start.Environment["Orleans__SiloPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        // The bench's thousands of visitors all come from 127.0.0.1 and start within seconds: the abuse limits on one
        // address and on one bot's new conversations would measure the limits, not the chat path.
        start.Environment["ChatSphere__RateLimits__VisitorsPerAddress"] = "0";
        start.Environment["ChatSphere__RateLimits__ConversationsPerAddressPerMinute"] = "0";
        start.Environment["ChatSphere__RateLimits__ConversationsPerBotPerMinute"] = "0";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return (await ServerProcess.StartAsync(start, baseUri, Path.Combine(work, "server.log"), cancellationToken), work);
    }

    /// <summary>Signs up the bench's user (the widget traffic itself is anonymous) and returns its access token.</summary>
    public static async Task<string> RegisterAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "/api/v1/auth/register", new { email = "bench@example.com", password = "bench password " + Guid.NewGuid().ToString("N"), name = "Bench" }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/v1/auth/register answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException($"POST /api/v1/auth/register returned no access token: {body}");
    }

    private static async Task<string> CreateBotAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await RegisterAsync(http, cancellationToken));
        using var response = await http.PostAsJsonAsync(
            "/api/v1/chatbots", new { name = "Bench bot", answer = new { model = "instant" } }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/v1/chatbots answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()
            ?? throw new InvalidOperationException($"POST /api/v1/chatbots returned no id: {body}");
    }
}
