using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChatSphere.Bench.Servers;
using Npgsql;

namespace ChatSphere.Bench.Failures;

/// <summary>
/// The cluster shape as operators run it, as processes on loopback: PostgreSQL and Redis, three dedicated silos and
/// two API nodes in client mode, all from the solution's build. <see cref="StartAsync"/> also signs up a workspace
/// owner and creates the chatbot the visitors talk to.
/// </summary>
public sealed class DrillCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    private readonly BackingServices _services;
    private readonly string _work;

    private DrillCluster(BackingServices services, string work, IReadOnlyList<ClusterNode> silos, IReadOnlyList<ClusterNode> apis, IReadOnlyList<Uri> apiUris)
    {
        _services = services;
        _work = work;
        Silos = silos;
        Apis = apis;
        ApiUris = apiUris;
    }

    public IReadOnlyList<ClusterNode> Silos { get; }

    public IReadOnlyList<ClusterNode> Apis { get; }

    public IReadOnlyList<Uri> ApiUris { get; }

    public BackingServices Services => _services;

    public string BotId { get; private set; } = "";

    public string OwnerToken { get; private set; } = "";

    public static async Task<DrillCluster> StartAsync(string repoRoot, string configuration, DrillSettings settings, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("chatsphere-drill-").FullName;
        var ports = FreePorts.Take(2 + 3 * 3 + 2);
        // Not under the work folder: PostgreSQL runs as its own user, who may not enter a private temporary folder.
        var services = new BackingServices(repoRoot, ports[0], ports[1], Path.Combine(Path.GetTempPath(), "chatsphere-drill-services-" + Guid.NewGuid().ToString("N")[..8]));
        await services.StartAsync(cancellationToken);

        var shared = SharedEnvironment(services, work, settings);
        var silos = new List<ClusterNode>();
        for (var i = 0; i < 3; i++)
        {
            var environment = new Dictionary<string, string>(shared)
            {
                ["Orleans__SiloPort"] = ports[2 + i * 3].ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = ports[3 + i * 3].ToString(CultureInfo.InvariantCulture),
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[4 + i * 3]}",
                ["ChatSphere__DataPath"] = Path.Combine(work, $"silo-{i + 1}"),
            };
            silos.Add(new ClusterNode($"silo-{i + 1}", Dll(repoRoot, "silo", "ChatSphere.Silo", configuration), environment, Path.Combine(work, $"silo-{i + 1}.log")));
        }

        var apis = new List<ClusterNode>();
        var apiUris = new List<Uri>();
        for (var i = 0; i < 2; i++)
        {
            var uri = new Uri($"http://127.0.0.1:{ports[11 + i]}");
            var environment = new Dictionary<string, string>(shared)
            {
                ["ChatSphere__Api__Mode"] = "client",
                ["ASPNETCORE_URLS"] = uri.ToString().TrimEnd('/'),
                ["ChatSphere__DataPath"] = Path.Combine(work, $"api-{i + 1}"),
            };
            apis.Add(new ClusterNode($"api-{i + 1}", Dll(repoRoot, "api", "ChatSphere.Api", configuration), environment, Path.Combine(work, $"api-{i + 1}.log")));
            apiUris.Add(uri);
        }

        var cluster = new DrillCluster(services, work, silos, apis, apiUris);
        try
        {
            // The first silo applies the schema; the others and the API nodes join once it is there.
            silos[0].Start();
            await cluster.WaitForActiveSilosAsync(1, cancellationToken);
            silos[1].Start();
            silos[2].Start();
            await cluster.WaitForActiveSilosAsync(3, cancellationToken);
            foreach (var (api, index) in apis.Select((api, index) => (api, index)))
            {
                api.Start();
                await cluster.WaitForApiAsync(index, cancellationToken);
            }

            await cluster.CreateBotAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="count"/> silos are Active in the membership table (a restarted silo has joined).</summary>
    public async Task WaitForActiveSilosAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (await ActiveSilosAsync(cancellationToken) >= count)
            {
                return;
            }

            var exited = Silos.FirstOrDefault(s => !s.IsRunning && s.LogPath.Length > 0 && File.Exists(s.LogPath) && new FileInfo(s.LogPath).Length > 0 && s.Tail().Contains("Unhandled exception", StringComparison.Ordinal));
            if (DateTime.UtcNow > deadline || exited is not null)
            {
                var culprit = exited ?? Silos.First();
                throw new TimeoutException($"{count} silos were not active within {ReadyTimeout.TotalSeconds} s. {culprit.Name}'s log ({culprit.LogPath}) ends with:\n{culprit.Tail()}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    public async Task<int> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_services.Postgres);
            await connection.OpenAsync(cancellationToken);
            // Orleans' SiloStatus.Active is 3.
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE status = 3", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
            return 0; // The schema is not there yet.
        }
        catch (NpgsqlException)
        {
            return 0; // PostgreSQL is restarting.
        }
    }

    public async Task WaitForApiAsync(int index, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = ApiUris[index], Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"{Apis[index].Name} was not ready within {ReadyTimeout.TotalSeconds} s. Its log ({Apis[index].LogPath}) ends with:\n{Apis[index].Tail()}");
    }

    /// <summary>Every message of a conversation, read by the workspace owner over REST from API node <paramref name="node"/>.</summary>
    public async Task<List<TranscriptMessage>> TranscriptAsync(string conversationId, int node, CancellationToken cancellationToken)
    {
        using var http = OwnerClient(node);
        var messages = new List<TranscriptMessage>();
        string? cursor = null;
        do
        {
            var page = (await http.GetFromJsonAsync<TranscriptPage>(
                $"api/v1/conversations/{conversationId}/messages?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), Json, cancellationToken))!;
            messages.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Apis.Concat(Silos))
        {
            await node.DisposeAsync();
        }

        await _services.DisposeAsync();
        if (!KeepWorkFolder)
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary>Where the processes' logs and data are.</summary>
    public string WorkFolder => _work;

    /// <summary>Keeps <see cref="WorkFolder"/> after the run (the drill keeps it unless it passed, for reading the logs).</summary>
    public bool KeepWorkFolder { get; set; } = true;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpClient OwnerClient(int node)
    {
        var http = new HttpClient { BaseAddress = ApiUris[node], Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OwnerToken);
        return http;
    }

    private async Task CreateBotAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = ApiUris[0], Timeout = TimeSpan.FromSeconds(60) };
        using var registered = await http.PostAsJsonAsync("api/v1/auth/register",
            new { email = $"drill-{Guid.NewGuid():N}@example.com", password = "correct horse battery", name = "Drill" }, Json, cancellationToken);
        registered.EnsureSuccessStatusCode();
        OwnerToken = (await registered.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("accessToken").GetString()!;

        using var owner = OwnerClient(0);
        using var created = await owner.PostAsJsonAsync("api/v1/chatbots", new { name = "Drill bot", answer = new { model = "instant" } }, Json, cancellationToken);
        created.EnsureSuccessStatusCode();
        BotId = (await created.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("id").GetString()!;
    }

    private static Dictionary<string, string> SharedEnvironment(BackingServices services, string work, DrillSettings settings)
    {
        var environment = BaseEnvironment(services, work, settings);
        if (settings.FastFailureDetection)
        {
            environment["Orleans__Membership__ProbeTimeout"] = "00:00:01";
            environment["Orleans__Membership__NumMissedProbesLimit"] = "2";
            environment["Orleans__Membership__NumVotesForDeathDeclaration"] = "1";
            environment["Orleans__Membership__TableRefreshTimeout"] = "00:00:02";
            environment["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05";
        }

        return environment;
    }

    private static Dictionary<string, string> BaseEnvironment(BackingServices services, string work, DrillSettings settings) => new()
    {
        ["ConnectionStrings__Postgres"] = services.Postgres,
        ["ConnectionStrings__Redis"] = services.Redis,
        ["Orleans__ClusterId"] = "drill",
        ["Orleans__ServiceId"] = "drill",
        ["Orleans__AdvertisedIP"] = "127.0.0.1",
        ["ChatSphere__Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["ChatSphere__Ai__SecretsKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["ChatSphere__PublicUrl"] = "https://chat.drill.example",
        ["ChatSphere__Email__AllowLogDelivery"] = "true",
        ["ChatSphere__KeysPath"] = Path.Combine(work, "keys"),
        ["ChatSphere__Ai__InstantModel__Enabled"] = "true",
        ["ChatSphere__Ai__InstantModel__TokenCount"] = settings.TokensPerReply.ToString(CultureInfo.InvariantCulture),
        ["ChatSphere__Ai__InstantModel__TokenDelayMs"] = settings.TokenDelayMs.ToString(CultureInfo.InvariantCulture),
        ["ChatSphere__Billing__DefaultPlan"] = "unlimited",
        // Every visitor comes from 127.0.0.1, and the soak opens hundreds of conversations within seconds: the abuse
        // limits on one address and on one bot's new conversations would throttle the run, not a real crowd.
        ["ChatSphere__RateLimits__RegistrationsPerHourPerAddress"] = "0",
        ["ChatSphere__RateLimits__ConversationsPerBotPerMinute"] = "0",
        ["ChatSphere__RateLimits__VisitorsPerAddress"] = "0",
        ["ChatSphere__RateLimits__ConversationsPerAddressPerMinute"] = "0",
        ["ChatSphere__RateLimits__AuthAttemptsPerMinute"] = "0",
        ["ChatSphere__Auth__Argon2__MemoryKiB"] = "1024",
        ["ChatSphere__Auth__Argon2__Iterations"] = "1",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    private static string Dll(string repoRoot, string project, string assembly, string configuration)
    {
        var dll = Path.Combine(repoRoot, project, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution in {configuration} first.");
    }
}

public sealed record TranscriptPage(List<TranscriptMessage> Items, string? NextCursor);

public sealed record TranscriptMessage(string Id, long Seq, string Role, string Text, string Status);
