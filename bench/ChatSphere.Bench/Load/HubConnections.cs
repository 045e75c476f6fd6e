using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Load;

/// <summary>Opens SignalR connections to a hub the way the widget does: WebSockets, JSON protocol.</summary>
public static class HubConnections
{
    /// <summary>How many connections are being opened at once.</summary>
    private const int OpenParallelism = 32;

    public static HubConnection Create(Uri hubUri) => new HubConnectionBuilder()
        .WithUrl(hubUri, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
        .Build();

    public static async Task<HubConnection> OpenAsync(Uri hubUri, CancellationToken cancellationToken)
    {
        var connection = Create(hubUri);
        try
        {
            await connection.StartAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="count"/> connections, a few at a time; on failure closes those already open.</summary>
    public static async Task<HubConnection[]> OpenManyAsync(Uri hubUri, int count, CancellationToken cancellationToken)
    {
        var connections = new HubConnection?[count];
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = OpenParallelism, CancellationToken = cancellationToken },
                async (i, ct) => connections[i] = await OpenAsync(hubUri, ct));
            return connections.Select(c => c!).ToArray();
        }
        catch
        {
            await CloseAllAsync(connections.OfType<HubConnection>());
            throw;
        }
    }

    public static async Task CloseAllAsync(IEnumerable<HubConnection> connections)
    {
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = OpenParallelism },
            async (connection, _) => await connection.DisposeAsync());
    }
}
