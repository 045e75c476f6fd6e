using ChatSphere.Grains.Storage;
using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests;

/// <summary>
/// An in-process test cluster of one silo wired like the embedded shape: ChatSphere's schema migrated into a SQLite
/// file in a temp folder, ADO.NET grain storage "chat" on that file, and every service the grains call
/// (<see cref="GrainServiceCollectionExtensions.AddChatSphereGrainServices"/>). The benchmark model "instant" is on.
/// Shared by the test classes of <see cref="ClusterCollection"/>; <see cref="StartClusterAsync"/> starts further
/// clusters, for example a second one on the same folder to prove state survives a restart.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Settings every test cluster gets unless a test overrides them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultSettings = new Dictionary<string, string?>
    {
        ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
        ["ChatSphere:Ai:InstantModel:TokenCount"] = "50",
    };

    /// <summary>The service id of every test cluster (the test host would pick a new one per cluster).</summary>
    public const string ServiceId = "chatsphere-grain-tests";

    private readonly TestSqlite _data = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The services of the (only) silo, for the stores and adapters behind the grains.</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public string DataPath => _data.Folder;

    public async Task InitializeAsync() => Cluster = await StartClusterAsync(_data.Folder);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>
    /// Migrates the schema into <paramref name="dataPath"/>'s SQLite file and starts a one-silo cluster on it.
    /// <paramref name="settings"/> are added to (and override) <see cref="DefaultSettings"/>. With
    /// <paramref name="durableReminders"/>, reminders live in the database (ADO.NET, as deployed) instead of in
    /// memory, so they survive a restart. <paramref name="services"/> registers a test's own services first (a fake clock).
    /// </summary>
    public static async Task<InProcessTestCluster> StartClusterAsync(
        string dataPath, IReadOnlyDictionary<string, string?>? settings = null, bool durableReminders = false,
        Action<IServiceCollection>? services = null)
    {
        var configuration = new Dictionary<string, string?>(DefaultSettings) { ["ChatSphere:DataPath"] = dataPath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var topology = ChatSphereTopology.From(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        await TestSchema.ApplyAsync(topology.Database);

        var builder = new InProcessTestClusterBuilder(1);
        // Grain storage rows are keyed by service id: a cluster started again on the same folder must find its state.
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(configuration);
            host.Services.AddSingleton(topology);
            host.Services.AddSingleton(Options.Create(topology.Database));
            host.Services.AddSingleton<ChatSphereDatabase>();
            // A test's own services (a fake clock) come before the defaults, which are added only when missing.
            services?.Invoke(host.Services);
            host.Services.AddChatSphereGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddAdoNetGrainStorage(ChatSphereTopology.GrainStorageName, o =>
        {
            o.Invariant = topology.OrleansInvariant;
            o.ConnectionString = topology.Database.ConnectionString;
        }));
        // Knowledge grains keep a reminder while sources are being ingested.
        builder.ConfigureSilo((_, silo) =>
        {
            if (durableReminders)
            {
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = topology.OrleansInvariant;
                    o.ConnectionString = topology.Database.ConnectionString;
                });
                silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(2));
            }
            else
            {
                silo.UseInMemoryReminderService();
            }
        });

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
