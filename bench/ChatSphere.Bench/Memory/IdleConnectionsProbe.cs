using System.Diagnostics;
using ChatSphere.Bench.Load;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Memory;

/// <summary>
/// Memory per idle widget connection: open many WebSocket SignalR connections that then do nothing. A few are opened and
/// closed first, so one-time costs of the connection path are in the baseline.
/// </summary>
public static class IdleConnectionsProbe
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<MemoryResult> RunAsync(ServerUnderTest server, int count, CancellationToken cancellationToken)
    {
        await HubConnections.CloseAllAsync(await HubConnections.OpenManyAsync(server.HubUri, Math.Clamp(count / 50, 1, 100), cancellationToken));

        var before = await server.Process.SampleAfterGcAsync(cancellationToken);
        var opening = Stopwatch.StartNew();
        var connections = await HubConnections.OpenManyAsync(server.HubUri, count, cancellationToken);
        var elapsed = opening.Elapsed;
        try
        {
            await Task.Delay(Settle, cancellationToken);
            var after = await server.Process.SampleAfterGcAsync(cancellationToken);
            return new MemoryResult(MemoryProbeKind.IdleConnections, server.Kind, count, connections.Length, before, after, elapsed);
        }
        finally
        {
            await HubConnections.CloseAllAsync(connections);
        }
    }
}
