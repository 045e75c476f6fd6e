using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Browser.Tests;

/// <summary>The real API (co-hosted silo, SQLite in a temp folder) on a loopback port, serving the built widget.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = TestJson.Options;

    private readonly LoopbackApi<Program> _api;
    private readonly TestSqlite _data;

    private ApiServer(LoopbackApi<Program> api, TestSqlite data)
    {
        _api = api;
        _data = data;
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>http://127.0.0.1:port/ : this API's own origin (always allowed to use any bot).</summary>
    public Uri BaseAddress => _api.BaseAddress;

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Signed in as the owner of the bots these tests make (the embedded run's first account).</summary>
    public HttpClient Http { get; }

    public ConnectionDropper Connections => _api.Services.GetRequiredService<ConnectionDropper>();

    /// <param name="configureServices">Replaces services at the edge (a recording email sender for the dashboard's tests).</param>
    public static async Task<ApiServer> StartAsync(Action<IServiceCollection>? configureServices = null)
    {
        var data = new TestSqlite();
        var settings = new Dictionary<string, string?>
        {
            // Bots on the 'instant' model reply with "word1 … word120" at 12 ms a word: slow enough to watch it stream.
            ["ChatSphere:Ai:InstantModel:TokenCount"] = "120",
            ["ChatSphere:Ai:InstantModel:TokenDelayMs"] = "12",
            // Every page of every test comes from 127.0.0.1: the per-address limits on new conversations (tested over
            // HTTP and SignalR in the API tests) would refuse them in one run.
            ["ChatSphere:RateLimits:ConversationsPerAddressPerMinute"] = "0",
            ["ChatSphere:RateLimits:VisitorsPerAddress"] = "0",
        };

        var api = await LoopbackApi<Program>.StartAsync(data.Folder, settings, TimeSpan.FromSeconds(90), services =>
        {
            services.AddSingleton<ConnectionDropper>();
            services.Configure<HubOptions>(o => o.AddFilter<ConnectionDropper>());
        }, configureServices);
        var server = new ApiServer(api, data);
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
        await _api.DisposeAsync();
        _data.Dispose();
    }
}
