using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace ChatSphere.Silo.Hosting;

/// <summary>The API's client shape: an Orleans client of a cluster run by dedicated silos.</summary>
public static class ChatSphereClientExtensions
{
    /// <summary>
    /// Connects to the cluster named by configuration: through the gateways listed in PostgreSQL (cluster shape)
    /// or the localhost gateway at <c>Orleans:GatewayPort</c> (a silo of the embedded shape on this machine).
    /// </summary>
    public static ChatSphereTopology AddChatSphereClient(this IHostApplicationBuilder builder)
    {
        var topology = ChatSphereTopology.From(builder.Configuration);
        builder.Services.AddSingleton(topology);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = topology.ClusterId;
                o.ServiceId = topology.ServiceId;
            });
            if (topology.IsCluster)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = topology.OrleansInvariant;
                    o.ConnectionString = topology.Database.ConnectionString;
                });
            }
            else
            {
                client.UseLocalhostClustering(topology.GatewayPort, topology.ServiceId, topology.ClusterId);
            }

            if (ClusterTls.Load(builder.Configuration) is { } certificate)
            {
                client.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
            }

            if (ChatSphereTelemetry.IsTracing(builder.Configuration))
            {
                client.AddActivityPropagation();
            }

            if (OperatorAccess.IsEnabled(builder.Configuration))
            {
                // Served from this node; the silos run the dashboard's grains (they read the same setting).
                client.AddDashboard();
            }
        });
        return topology;
    }
}
