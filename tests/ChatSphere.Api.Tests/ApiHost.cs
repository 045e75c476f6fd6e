using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests;

/// <summary>The real API (with its co-hosted silo) on a loopback port, configured like a deployment would be.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = TestJson.Options;

    private readonly LoopbackApi<Program> _api;

    private ApiHost(LoopbackApi<Program> api)
    {
        _api = api;
        Http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress => _api.BaseAddress;

    public HttpClient Http { get; }

    public IServiceProvider Services => _api.Services;

    /// <summary>Starts a host with its data in <paramref name="dataPath"/>; <paramref name="settings"/> override configuration;
    /// <paramref name="services"/> may replace adapters at the edge (the email provider).</summary>
    public static async Task<ApiHost> StartAsync(
        string dataPath, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // Every test client signs in from one loopback address; the limit's own tests turn it back on.
        var all = new Dictionary<string, string?> { ["ChatSphere:RateLimits:AuthAttemptsPerMinute"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ApiHost(await LoopbackApi<Program>.StartAsync(dataPath, all, TimeSpan.FromSeconds(60), services));
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
        await _api.DisposeAsync();
    }
}
