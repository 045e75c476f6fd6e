using ChatSphere.Bench.Load;
using ChatSphere.Bench.Memory;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Runs;

/// <summary>
/// Runs a plan: the load phases with each server in its own child process (ChatSphere, then the bare hub, phase by
/// phase), then each memory probe in a fresh process.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchResults> RunAsync(BenchPlan plan, string repoRoot, bool build, CancellationToken cancellationToken)
    {
        if (build && plan.Servers.Contains(ServerKind.ChatSphere))
        {
            Console.WriteLine($"Building {ChatSphereLauncher.ApiProject} (Release)...");
            await ChatSphereLauncher.BuildAsync(repoRoot, cancellationToken);
        }

        var results = new BenchResults();
        if (plan.ClosedLoopSizes.Count > 0 || plan.OpenLoopConversations is not null)
        {
            await RunLoadPhasesAsync(plan, repoRoot, results, cancellationToken);
        }

        // Each memory probe gets a fresh process: memory another phase freed stays committed and would be reused.
        foreach (var kind in plan.Servers)
        {
            if (plan.IdleConnections is { } connections)
            {
                await using var server = await StartAsync(kind, repoRoot, plan.Load.ExpectedTokens, cancellationToken);
                Console.WriteLine($"  memory: {connections:N0} idle connections");
                results.Memory.Add(Report(await IdleConnectionsProbe.RunAsync(server, connections, cancellationToken)));
            }

            if (plan.IdleConversations is { } count && kind == ServerKind.ChatSphere)
            {
                await using var server = await StartAsync(kind, repoRoot, plan.Load.ExpectedTokens, cancellationToken);
                Console.WriteLine($"  memory: {count:N0} idle conversations (at most {plan.IdleConversationsTimeLimit.TotalSeconds:N0} s)");
                results.Memory.Add(Report(await IdleConversationsProbe.RunAsync(server, count, plan.IdleConversationsTimeLimit, cancellationToken)));
            }
        }

        return results;
    }

    /// <summary>
    /// Every server runs for all load phases, and each phase runs on one server right after the other, so the two windows
    /// a ratio compares are as close in time as they can be (the machine may be shared and its load may drift).
    /// </summary>
    private static async Task RunLoadPhasesAsync(BenchPlan plan, string repoRoot, BenchResults results, CancellationToken cancellationToken)
    {
        var servers = new List<ServerUnderTest>();
        try
        {
            foreach (var kind in plan.Servers)
            {
                servers.Add(await StartAsync(kind, repoRoot, plan.Load.ExpectedTokens, cancellationToken));
            }

            foreach (var n in plan.ClosedLoopSizes)
            {
                results.Load.AddRange(await RunPhaseAsync(servers, plan.Attempts, server =>
                {
                    Console.WriteLine($"  {server.Kind.Display()}: closed loop, N = {n:N0}: {plan.Load.Warmup.TotalSeconds:N0} s warm-up + {plan.Load.Window.TotalSeconds:N0} s");
                    return ClosedLoop.RunAsync(server, n, plan.Load, cancellationToken);
                }));
            }

            if (plan.OpenLoopConversations is { } conversations)
            {
                results.Load.AddRange(await RunPhaseAsync(servers, plan.Attempts, server =>
                {
                    Console.WriteLine($"  {server.Kind.Display()}: open loop, {conversations:N0} conversations, one ask each every {plan.OpenLoopMeanInterval.TotalSeconds:N1} s on average: {plan.Load.Warmup.TotalSeconds:N0} s warm-up + {plan.Load.Window.TotalSeconds:N0} s");
                    return OpenLoop.RunAsync(server, conversations, plan.OpenLoopMeanInterval, plan.Load, cancellationToken);
                }));
            }
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One phase on every server in turn; while other processes disturbed a window, the whole phase runs again (up to
    /// <paramref name="attempts"/> times) and the least disturbed run is kept.
    /// </summary>
    private static async Task<IReadOnlyList<LoadResult>> RunPhaseAsync(
        IReadOnlyList<ServerUnderTest> servers, int attempts, Func<ServerUnderTest, Task<LoadResult>> phase)
    {
        List<LoadResult>? best = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var run = new List<LoadResult>();
            foreach (var server in servers)
            {
                run.Add(Report(await phase(server)));
            }

            if (best is null || Interference.Worst(run) < Interference.Worst(best))
            {
                best = run;
            }

            if (!run.Any(r => r.IsDisturbed()))
            {
                break;
            }

            if (attempt < attempts)
            {
                Console.WriteLine($"  other processes kept up to {Interference.Worst(run):N2} cores busy: running the phase again");
            }
        }

        return best!;
    }

    /// <summary>A fresh server process, checked to stream one whole reply.</summary>
    private static async Task<ServerUnderTest> StartAsync(ServerKind kind, string repoRoot, int tokens, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Starting {kind.Display()}...");
        var server = kind == ServerKind.ChatSphere
            ? await ChatSphereLauncher.StartAsync(repoRoot, tokens, cancellationToken)
            : await BareLauncher.StartAsync(tokens, cancellationToken);
        try
        {
            Console.WriteLine($"  pid {server.Process.ProcessId}, {server.Process.BaseUri}, log {server.Process.LogPath}");
            await CheckOneReplyAsync(server, tokens, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fails early, with the server's log, when the server cannot answer at all (for example the instant model is off).</summary>
    private static async Task CheckOneReplyAsync(ServerUnderTest server, int expectedTokens, CancellationToken cancellationToken)
    {
        await using var connection = await HubConnections.OpenAsync(server.HubUri, cancellationToken);
        var conversation = await ChatConversation.StartAsync(connection, server.BotId, expectedTokens, cancellationToken);
        var outcome = await conversation.AskAsync(cancellationToken);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"{server.Kind.Display()} did not stream a whole reply ({outcome.Failure}); see {server.Process.LogPath}.");
        }
    }

    private static LoadResult Report(LoadResult result)
    {
        Console.WriteLine(
            $"    {result.AsksPerSecond:N0} asks/s, TTFT p50 {result.TimeToFirstToken.PercentileMs(50):N2} ms p99 {result.TimeToFirstToken.PercentileMs(99):N2} ms, " +
            $"server {result.ServerCores:N2} cores, client {result.ClientCores:N2} cores, other processes {result.OtherCores:N2} cores, {result.Failures:N0} failed");
        if (result.FirstFailure is { } failure)
        {
            Console.WriteLine($"    first failure: {failure}");
        }

        return result;
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    private static MemoryResult Report(MemoryResult result)
    {
        Console.WriteLine(
            $"    {result.Count:N0} in {result.Elapsed.TotalSeconds:N1} s ({result.PerSecond:N0}/s); after a full GC, RSS {Mb(result.Before.RssBytes):N1} -> {Mb(result.After.RssBytes):N1} MiB " +
            $"({result.BytesEach:N0} bytes each), managed heap {Mb(result.Before.ManagedHeapBytes):N1} -> {Mb(result.After.ManagedHeapBytes):N1} MiB ({result.ManagedBytesEach:N0} bytes each)");
        return result;
    }
}
