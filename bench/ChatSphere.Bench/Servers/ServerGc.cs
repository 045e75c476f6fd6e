using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace ChatSphere.Bench.Servers;

/// <summary>
/// Makes a server process run a full blocking garbage collection from outside, through the runtime's
/// diagnostics port: an EventPipe session that enables the runtime provider's GCHeapCollect keyword induces
/// one (the mechanism dotnet-gcdump uses).
/// </summary>
public static class ServerGc
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>How long the collection and the memory it returns to the OS are given before RSS is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task CollectAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcHeapCollectKeyword)],
            requestRundown: false,
            circularBufferMB: 16,
            cancellationToken);

        // The session's stream must be read, or the runtime stops writing to it.
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        await session.StopAsync(cancellationToken);
        await drain;
    }
}
