using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests;

/// <summary>The real API (with its co-hosted silo) on a loopback port, configured like a deployment would be.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly WebApplicationFactory<Program> _factory;

    private ApiHost(WebApplicationFactory<Program> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts a host with its data in <paramref name="dataPath"/>; <paramref name="settings"/> override configuration;
    /// <paramref name="services"/> may replace adapters at the edge (the email provider).</summary>
    public static async Task<ApiHost> StartAsync(
        string dataPath, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ChatSphere:DataPath"] = dataPath,
            ["Orleans:SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Argon2id as light as it goes: tests register many users. Production keeps 64 MiB and 3 passes.
            ["ChatSphere:Auth:Argon2:MemoryKiB"] = "1024",
            ["ChatSphere:Auth:Argon2:Iterations"] = "1",
            // Every test client signs in from one loopback address; the limit's own tests turn it back on.
            ["ChatSphere:RateLimits:AuthAttemptsPerMinute"] = "0",
            ["ChatSphere:RateLimits:RegistrationsPerHourPerAddress"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseUrls("http://127.0.0.1:0");
            if (services is not null)
            {
                web.ConfigureTestServices(services);
            }

            foreach (var (key, value) in all)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new ApiHost(factory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        await host.WaitReadyAsync();
        return host;
    }

    public HubConnection Hub(Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "hubs/chat"))
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            });
        configure?.Invoke(builder);
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The API did not become ready within 60 s.");
            }

            await Task.Delay(100);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
