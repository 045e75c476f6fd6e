using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace ChatSphere.Bench.Servers;

/// <summary>
/// Makes a server process run a full blocking garbage collection from outside and reports the managed heap it left,
/// through the runtime's diagnostics port: an EventPipe session that enables the runtime provider's GCHeapCollect
/// keyword induces the collection (as dotnet-gcdump does), and the GC keyword's events of that collection carry the
/// sizes of the generations after it.
/// </summary>
public static class ServerGc
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Time for the process to settle after the collection before its RSS is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>Returns the managed heap size, in bytes, right after the induced full collection.</summary>
    public static async Task<long> CollectAsync(int processId, CancellationToken cancellationToken)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        var client = new DiagnosticsClient(processId);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, keywords)],
            requestRundown: false,
            circularBufferMB: 64,
            cancellationToken);

        var heapAfterFullGc = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var fullBlockingGcStarted = false;
            source.Clr.GCStart += e => fullBlockingGcStarted |= e.Depth == 2 && e.Type == GCType.NonConcurrentGC;
            source.Clr.GCHeapStats += e =>
            {
                if (fullBlockingGcStarted)
                {
                    heapAfterFullGc.TrySetResult(e.TotalHeapSize);
                }
            };
            source.Process();
        }, cancellationToken);

        try
        {
            var heap = await heapAfterFullGc.Task.WaitAsync(Timeout, cancellationToken);
            await Task.Delay(Settle, cancellationToken);
            return heap;
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await reading;
        }
    }
}
