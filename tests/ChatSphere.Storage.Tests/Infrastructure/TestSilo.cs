using ChatSphere.Silo.Hosting;
using ChatSphere.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>
/// A real silo in this process, built the way the product builds it (<c>builder.AddChatSphereSilo()</c> from
/// configuration), with test tuning: reminders may tick every second, a dead silo is found within seconds.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, TestSiloSettings settings)
    {
        _host = host;
        Settings = settings;
    }

    public TestSiloSettings Settings { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Failure detection in seconds instead of a minute (configuration keys the silo reads).</summary>
    public static IReadOnlyDictionary<string, string> FastMembership { get; } = new Dictionary<string, string>
    {
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    public static async Task<TestSilo> StartAsync(TestSiloSettings settings, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Configuration.AddInMemoryCollection(FastMembership.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddChatSphereSilo();
        builder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        configure?.Invoke(builder);

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, settings);
    }

    /// <summary>Stops the silo gracefully (it leaves the cluster) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
