using ChatSphere.Silo.Hosting;
using ChatSphere.Storage.Tests.Infrastructure;
using ChatSphere.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Messaging;

namespace ChatSphere.Storage.Tests;

/// <summary>
/// ADO.NET clustering on PostgreSQL with real silos: two silos join, a client finds their gateways in the
/// table, and a silo killed without a goodbye is declared dead by the survivor.
/// </summary>
public sealed class ClusteringTests
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Two_silos_join_a_client_finds_both_gateways_and_a_killed_silo_is_declared_dead()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        await using var survivor = await TestSilo.StartAsync(store.SiloSettings());
        using var doomed = SiloProcess.Start(store.SiloSettings(), new Dictionary<string, string>(
            TestSilo.FastMembership.Select(p => KeyValuePair.Create(p.Key.Replace(":", "__", StringComparison.Ordinal), p.Value)))
        {
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        await doomed.WaitStartedAsync(TimeSpan.FromSeconds(90));

        var management = survivor.Grains.GetGrain<IManagementGrain>(0);
        await Eventually.HoldsAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2,
            "both silos active", TimeSpan.FromSeconds(60), retryOn: _ => true);
        var rows = await Sql.QueryAsync(store.Database, "SELECT port, status FROM orleans_membership ORDER BY port");
        Assert.Equal(
            new[] { survivor.Settings.SiloPort, doomed.Settings.SiloPort }.Order(),
            rows.Select(r => Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal(Active, Convert.ToInt32(r[1], System.Globalization.CultureInfo.InvariantCulture)));

        using var client = await StartClientAsync(store);
        var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGatewaysAsync();
        Assert.Equal(
            new[] { survivor.Settings.GatewayPort, doomed.Settings.GatewayPort }.Order(),
            gateways.Select(g => g.Port).Order());
        var clientManagement = client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        Assert.Equal(2, (await clientManagement.GetHosts(onlyActive: true)).Count);

        var doomedAddress = (await management.GetHosts()).Keys.Single(s => s.Endpoint.Port == doomed.Settings.SiloPort);
        doomed.Kill();

        await Eventually.HoldsAsync(async () => (await management.GetHosts())[doomedAddress] == SiloStatus.Dead,
            "the killed silo declared dead", TimeSpan.FromSeconds(90), retryOn: _ => true);
        Assert.Equal(Dead, await Sql.ScalarAsync(store.Database, "SELECT status FROM orleans_membership WHERE port = @port",
            ("port", doomed.Settings.SiloPort)));
        var stillListed = await client.Services.GetRequiredService<IGatewayListProvider>().GetGatewaysAsync();
        Assert.Equal([survivor.Settings.GatewayPort], stillListed.Select(g => g.Port));

        // The client carries on through the surviving gateway.
        await Eventually.HoldsAsync(async () => (await clientManagement.GetHosts(onlyActive: true)).Count == 1,
            "the client sees one active silo", TimeSpan.FromSeconds(60), retryOn: _ => true);
    }

    /// <summary>The API's client shape, built by the product's own wiring (AddChatSphereClient).</summary>
    private static async Task<IHost> StartClientAsync(TestStore store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(store.SiloSettings().ToConfiguration());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddChatSphereClient();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
