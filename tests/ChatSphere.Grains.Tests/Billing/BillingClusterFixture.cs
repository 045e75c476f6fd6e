using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Storage;
using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Billing;

/// <summary>
/// A two-silo test cluster in the cluster shape: grain storage, reminders and statements on a fresh PostgreSQL database,
/// the Free plan by default with small limits, and a billing clock the tests move. Two silos, so messages are metered
/// by two meters that must share one month's quota.
/// </summary>
public sealed class BillingClusterFixture : IAsyncLifetime
{
    public const int FreeChatbots = 2;
    public const int FreeMessages = 20;
    public const int FreeSources = 3;
    public const int FreeCharacters = 400;
    public const int FreeSeats = 2;

    private readonly TestPostgres _postgres = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The billing clock of every silo; starts mid-January 2026.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        ConnectionString = await _postgres.CreateDatabaseAsync();
        var configuration = new Dictionary<string, string?>(ClusterFixture.DefaultSettings)
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["ChatSphere:DataPath"] = Path.GetTempPath(),
            ["ChatSphere:Plans:Free:Chatbots"] = FreeChatbots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Plans:Free:MessagesPerMonth"] = FreeMessages.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Plans:Free:Sources"] = FreeSources.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Plans:Free:KnowledgeCharacters"] = FreeCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Plans:Free:Seats"] = FreeSeats.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Billing:MessageLeaseBlock"] = "4",
            ["ChatSphere:Billing:MeterReportInterval"] = "00:00:00.200",
            ["ChatSphere:Billing:MeterRefusalHold"] = "00:00:00",
        };
        var topology = ChatSphereTopology.From(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        await TestSchema.ApplyAsync(topology.Database);

        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = "chatsphere-billing-tests";
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(configuration);
            host.Services.AddSingleton(topology);
            host.Services.AddSingleton(Options.Create(topology.Database));
            host.Services.AddSingleton<ChatSphereDatabase>();
            host.Services.AddSingleton(new BillingClock(Time));
            host.Services.AddChatSphereGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage(ChatSphereTopology.GrainStorageName, o =>
            {
                o.Invariant = topology.OrleansInvariant;
                o.ConnectionString = topology.Database.ConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = topology.OrleansInvariant;
                o.ConnectionString = topology.Database.ConnectionString;
            });
        });

        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BillingClusterCollection : ICollectionFixture<BillingClusterFixture>
{
    public const string Name = "billing cluster";
}
