using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Testing;

/// <summary>
/// The real API program (<typeparamref name="TEntryPoint"/>, its co-hosted silo included) on a loopback port, with
/// the settings every test server shares (<see cref="Settings"/>) under the ones a test project adds.
/// </summary>
public sealed class LoopbackApi<TEntryPoint> : IAsyncDisposable
    where TEntryPoint : class
{
    private readonly WebApplicationFactory<TEntryPoint> _factory;

    private LoopbackApi(WebApplicationFactory<TEntryPoint> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// What every test server sets: its data folder, fresh silo and gateway ports, the <c>instant</c> answer model, quiet
    /// logs, the lightest Argon2id (tests register many users; production keeps 64 MiB and 3 passes), and no limit on
    /// sign-ups per address (every test client comes from 127.0.0.1; the limit's own tests turn it back on).
    /// </summary>
    public static Dictionary<string, string?> Settings(string dataPath) => new()
    {
        ["ChatSphere:DataPath"] = dataPath,
        ["Orleans:SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
        ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["ChatSphere:Auth:Argon2:MemoryKiB"] = "1024",
        ["ChatSphere:Auth:Argon2:Iterations"] = "1",
        ["ChatSphere:RateLimits:RegistrationsPerHourPerAddress"] = "0",
    };

    /// <summary>
    /// Starts the API with <see cref="Settings"/> for <paramref name="dataPath"/>, overridden by <paramref name="settings"/>;
    /// each of <paramref name="services"/> replaces services at the edge (in order). Returns once it answers
    /// <c>health/ready</c> with 200, or throws a <see cref="TimeoutException"/> after <paramref name="readyTimeout"/>.
    /// </summary>
    public static async Task<LoopbackApi<TEntryPoint>> StartAsync(
        string dataPath,
        IReadOnlyDictionary<string, string?>? settings,
        TimeSpan readyTimeout,
        params Action<IServiceCollection>?[] services)
    {
        var all = Settings(dataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseUrls("http://127.0.0.1:0");
            foreach (var (key, value) in all)
            {
                web.UseSetting(key, value);
            }

            foreach (var configure in services.OfType<Action<IServiceCollection>>())
            {
                web.ConfigureTestServices(configure);
            }
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var api = new LoopbackApi<TEntryPoint>(factory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await HttpReadiness.WaitAsync(http, "health/ready", readyTimeout);
        return api;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
