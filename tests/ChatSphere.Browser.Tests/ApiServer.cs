using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Browser.Tests;

/// <summary>The real API (co-hosted silo, SQLite in a temp folder) on a loopback port, serving the built widget.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly WebApplicationFactory<Program> _factory;
    private readonly TestSqlite _data;

    private ApiServer(WebApplicationFactory<Program> factory, TestSqlite data, Uri baseAddress)
    {
        _factory = factory;
        _data = data;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>http://127.0.0.1:port/ : this API's own origin (always allowed to use any bot).</summary>
    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Signed in as the owner of the bots these tests make (the embedded run's first account).</summary>
    public HttpClient Http { get; }

    public ConnectionDropper Connections => _factory.Services.GetRequiredService<ConnectionDropper>();

    /// <param name="configureServices">Replaces services at the edge (a recording email sender for the dashboard's tests).</param>
    public static async Task<ApiServer> StartAsync(Action<IServiceCollection>? configureServices = null)
    {
        var data = new TestSqlite();
        var settings = new Dictionary<string, string?>
        {
            ["ChatSphere:DataPath"] = data.Folder,
            ["Orleans:SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Bots on the 'instant' model reply with "word1 … word120" at 12 ms a word: slow enough to watch it stream.
            ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
            ["ChatSphere:Ai:InstantModel:TokenCount"] = "120",
            ["ChatSphere:Ai:InstantModel:TokenDelayMs"] = "12",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Argon2id as light as it goes: production keeps 64 MiB and 3 passes.
            ["ChatSphere:Auth:Argon2:MemoryKiB"] = "1024",
            ["ChatSphere:Auth:Argon2:Iterations"] = "1",
            // Every page of every test comes from 127.0.0.1: the per-address limits on sign-ups and new conversations
            // (tested over HTTP and SignalR in the API tests) would refuse them in one run.
            ["ChatSphere:RateLimits:RegistrationsPerHourPerAddress"] = "0",
            ["ChatSphere:RateLimits:ConversationsPerAddressPerMinute"] = "0",
            ["ChatSphere:RateLimits:VisitorsPerAddress"] = "0",
        };

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseUrls("http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<ConnectionDropper>();
                services.Configure<HubOptions>(o => o.AddFilter<ConnectionDropper>());
            });
            if (configureServices is not null)
            {
                web.ConfigureTestServices(configureServices);
            }
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new ApiServer(factory, data, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        await HttpReadiness.WaitAsync(server.Http, "health/ready", TimeSpan.FromSeconds(90));
        await server.SignInOwnerAsync();
        return server;
    }

    /// <summary>Every HTTP client of these tests is made here, signed in as the owner.</summary>
    public HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = Http.DefaultRequestHeaders.Authorization;
        return http;
    }

    private async Task SignInOwnerAsync()
    {
        using var registered = await Http.PostAsJsonAsync(
            "api/v1/auth/register", new { email = $"owner-{Guid.NewGuid():N}@example.com", password = "correct horse battery", name = "Owner" }, Json);
        registered.EnsureSuccessStatusCode();
        var session = await registered.Content.ReadFromJsonAsync<JsonElement>(Json);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _data.Dispose();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
