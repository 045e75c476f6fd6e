using System.Diagnostics;
using ChatSphere.Bench.Load;
using ChatSphere.Bench.Servers;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Memory;

/// <summary>
/// Memory per idle conversation activation: StartConversation without a visitor token, many times over a small pool
/// of connections, starts a new conversation for a new visitor each time, whose activations then stay active and idle.
/// A warm-up round (1%) runs before the baseline so one-time costs are not counted, and each pool is closed before the
/// reading after it, so the figure holds the activations and nothing of the connections.
/// </summary>
public static class IdleConversationsProbe
{
    /// <summary>A hub runs one invocation per connection at a time, so this is also the number of starts in flight.</summary>
    private const int PoolSize = 64;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public static async Task<MemoryResult> RunAsync(ServerUnderTest server, int count, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        await StartConversationsAsync(server, Math.Clamp(count / 100, 1, 1000), timeLimit, cancellationToken);

        var before = await server.Process.SampleAfterGcAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var started = await StartConversationsAsync(server, count, timeLimit, cancellationToken);
        var elapsed = clock.Elapsed;
        await Task.Delay(Settle, cancellationToken);
        var after = await server.Process.SampleAfterGcAsync(cancellationToken);
        return new MemoryResult(MemoryProbeKind.IdleConversations, server.Kind, count, started, before, after, elapsed);
    }

    private static async Task<int> StartConversationsAsync(ServerUnderTest server, int count, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var pool = await HubConnections.OpenManyAsync(server.HubUri, Math.Min(PoolSize, count), cancellationToken);
        long issued = 0, started = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            using var progress = new Timer(
                _ => Console.WriteLine($"    {Interlocked.Read(ref started):N0} conversations started in {clock.Elapsed.TotalSeconds:N0} s"),
                null, ProgressEvery, ProgressEvery);
            await Parallel.ForEachAsync(pool, new ParallelOptions { MaxDegreeOfParallelism = pool.Length, CancellationToken = cancellationToken },
                async (connection, ct) =>
                {
                    while (clock.Elapsed < timeLimit && Interlocked.Increment(ref issued) <= count)
                    {
                        await connection.InvokeAsync<StartConversationDto>("StartConversation", server.BotId, null, ct);
                        Interlocked.Increment(ref started);
                    }
                });
        }
        finally
        {
            await HubConnections.CloseAllAsync(pool);
        }

        return (int)started;
    }
}
