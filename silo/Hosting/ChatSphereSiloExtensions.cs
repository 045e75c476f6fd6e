using System.Net;
using ChatSphere.Grains;
using ChatSphere.Grains.Storage;
using ChatSphere.Silo.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace ChatSphere.Silo.Hosting;

/// <summary>Turns configuration into an Orleans silo: clustering, grain storage, reminders and the grains' services.</summary>
public static class ChatSphereSiloExtensions
{
    /// <summary>
    /// Adds the schema migration and a silo. Embedded shape (no <c>ConnectionStrings:Postgres</c>): localhost
    /// clustering, ADO.NET storage and reminders on a SQLite file in the data folder. Cluster shape: ADO.NET
    /// clustering, storage and reminders on PostgreSQL.
    /// </summary>
    public static ChatSphereTopology AddChatSphereSilo(this IHostApplicationBuilder builder)
    {
        var topology = builder.AddChatSphereDatabase();

        builder.UseOrleans(silo =>
        {
            var invariant = topology.OrleansInvariant;
            var connectionString = topology.Database.ConnectionString;

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = topology.ClusterId;
                o.ServiceId = topology.ServiceId;
            });

            // Failure-detection tuning (probe timeouts, missed-probe limits) for operators and tests.
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));

            if (topology.IsCluster)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = connectionString;
                });
                silo.ConfigureEndpoints(
                    topology.AdvertisedIP is { } ip ? IPAddress.Parse(ip) : IPAddress.Loopback,
                    topology.SiloPort,
                    topology.GatewayPort,
                    listenOnAnyHostAddress: topology.AdvertisedIP is not null);
                if (builder.Configuration.GetValue<bool>("Orleans:KubernetesHosting"))
                {
                    // In a pod (deploy/k8s/silo.yaml): the silo takes the pod's name and IP, and a silo whose pod is
                    // gone is declared dead at once instead of after missed probes.
                    silo.UseKubernetesHosting();
                }
            }
            else
            {
                silo.UseLocalhostClustering(topology.SiloPort, topology.GatewayPort, serviceId: topology.ServiceId, clusterId: topology.ClusterId);
            }

            if (ClusterTls.Load(builder.Configuration) is { } certificate)
            {
                silo.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
            }

            silo.AddAdoNetGrainStorage(ChatSphereTopology.GrainStorageName, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
                // A cleared state (a deleted chatbot, workspace or account) leaves no row behind.
                o.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });

            if (ChatSphereTelemetry.IsTracing(builder.Configuration))
            {
                // One trace per chat message across processes: the caller's span travels with each grain call.
                silo.AddActivityPropagation();
            }

            if (OperatorAccess.IsEnabled(builder.Configuration))
            {
                // Its grains and call profiling; the pages are served by OperatorAccess.MapOperatorDashboard.
                silo.AddDashboard();
            }
        });

        builder.Services.AddChatSphereGrainServices(builder.Configuration);
        return topology;
    }

    /// <summary>Registers the database, its options and the migration that runs before anything else starts.</summary>
    public static ChatSphereTopology AddChatSphereDatabase(this IHostApplicationBuilder builder)
    {
        var topology = ChatSphereTopology.From(builder.Configuration);
        builder.Services.AddSingleton(topology);
        builder.Services.AddSingleton(Options.Create(topology.Database));
        builder.Services.AddSingleton<ChatSphereDatabase>();
        builder.Services.AddSingleton<SchemaMigrator>();
        // Hosted services start in registration order: this one must precede the silo.
        builder.Services.AddHostedService<SchemaMigrationService>();
        return topology;
    }

    /// <summary>True when the program was asked only to apply the schema (<c>--migrate-only</c>).</summary>
    public static bool IsMigrateOnly(string[] args) => args.Contains("--migrate-only", StringComparer.OrdinalIgnoreCase);

    /// <summary>Applies the schema and returns; used by <c>--migrate-only</c>.</summary>
    public static async Task MigrateOnlyAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var topology = ChatSphereTopology.From(configuration);
        using var database = new ChatSphereDatabase(Options.Create(topology.Database));
        var migrator = new SchemaMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<SchemaMigrator>.Instance);
        var applied = await migrator.MigrateAsync(cancellationToken);
        Console.WriteLine($"Schema is up to date ({topology.Database.Provider}); applied {applied.Count} script(s): {string.Join(", ", applied)}");
    }
}
