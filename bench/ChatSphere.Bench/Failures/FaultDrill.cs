using System.Diagnostics;

namespace ChatSphere.Bench.Failures;

/// <summary>
/// Issue 16, item 1: the cluster shape under every failure operators meet, with visitors chatting throughout:
/// a rolling restart of every silo, a silo killed, an API node killed, Redis stopped for 30 s, PostgreSQL restarted.
/// For each fault it measures the messages acknowledged and replies finished while it lasted and the time until every
/// conversation had a whole reply again; at the end it reads every transcript and counts acknowledged questions
/// lost and questions or replies doubled.
/// </summary>
public static class FaultDrill
{
    public static async Task<DrillResult> RunAsync(string repoRoot, string configuration, DrillSettings settings, Action<string> log, CancellationToken cancellationToken)
    {
        log($"drill: starting PostgreSQL, Redis, 3 silos and 2 API nodes ({configuration} build)");
        await using var cluster = await DrillCluster.StartAsync(repoRoot, configuration, settings, cancellationToken);
        log($"drill: cluster up (logs in {cluster.WorkFolder}); {settings.Visitors} visitors start chatting");

        var clock = Stopwatch.StartNew();
        using var stopVisitors = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var visitors = Enumerable.Range(1, settings.Visitors).Select(n => new DrillVisitor(n, cluster.ApiUris, cluster.BotId, settings)).ToList();
        var running = visitors.Select(v => Task.Run(() => v.RunAsync(clock, stopVisitors.Token), CancellationToken.None)).ToList();
        await Task.Delay(settings.Calm, cancellationToken);

        var faults = new List<FaultResult>();
        async Task Fault(string name, Func<Task> strike, Func<Task>? heal = null)
        {
            log($"drill: {name}");
            var start = clock.Elapsed;
            await strike();
            var end = clock.Elapsed;
            var recovery = await WaitForRecoveryAsync(visitors, end, settings.RecoveryLimit, clock, cancellationToken);
            faults.Add(Measure(name, visitors, start, end, recovery));
            log($"drill:   {faults[^1].Describe()}");
            if (heal is not null)
            {
                await heal();
            }

            await Task.Delay(settings.Calm, cancellationToken);
        }

        await Fault("rolling restart of every silo (SIGTERM, start again, wait until it joined)", async () =>
        {
            foreach (var silo in cluster.Silos)
            {
                await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60));
                silo.Start();
                await cluster.WaitForActiveSilosAsync(3, cancellationToken);
            }
        });

        await Fault("a silo killed with SIGKILL", () =>
        {
            cluster.Silos[1].Kill();
            return Task.CompletedTask;
        }, async () =>
        {
            cluster.Silos[1].Start();
            await cluster.WaitForActiveSilosAsync(3, cancellationToken);
        });

        await Fault("an API node killed with SIGKILL", () =>
        {
            cluster.Apis[0].Kill();
            return Task.CompletedTask;
        }, async () =>
        {
            cluster.Apis[0].Start();
            await cluster.WaitForApiAsync(0, cancellationToken);
        });

        await Fault($"Redis stopped for {settings.RedisOutage.TotalSeconds:F0} s", async () =>
        {
            await cluster.Services.StopRedisAsync(cancellationToken);
            await Task.Delay(settings.RedisOutage, cancellationToken);
            await cluster.Services.StartRedisAsync(cancellationToken);
        });

        await Fault("PostgreSQL restarted (fast shutdown, start)", () => cluster.Services.RestartPostgresAsync(cancellationToken));

        log("drill: stopping the visitors, then reading every transcript");
        await stopVisitors.CancelAsync();
        await Task.WhenAll(running);
        foreach (var visitor in visitors)
        {
            await visitor.DisposeAsync();
        }

        var transcripts = await TranscriptCheck.RunAsync(cluster, visitors, cancellationToken);
        var result = new DrillResult(settings, faults, transcripts, visitors.Sum(v => v.Reconnects), visitors.SelectMany(v => v.Failures).ToList(), clock.Elapsed);
        cluster.KeepWorkFolder = !result.Passed;
        if (cluster.KeepWorkFolder)
        {
            log($"drill: the processes' logs stay in {cluster.WorkFolder}");
        }

        return result;
    }

    /// <summary>Waits until every visitor had a reply finish after <paramref name="since"/>; returns the longest wait, or null past the limit.</summary>
    private static async Task<TimeSpan?> WaitForRecoveryAsync(
        IReadOnlyList<DrillVisitor> visitors, TimeSpan since, TimeSpan limit, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var firsts = visitors.Select(v => FirstAnswerAfter(v, since)).ToList();
            if (firsts.All(t => t is not null))
            {
                return firsts.Max()!.Value - since;
            }

            if (clock.Elapsed - since > limit + TimeSpan.FromSeconds(30))
            {
                return null;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static TimeSpan? FirstAnswerAfter(DrillVisitor visitor, TimeSpan since)
    {
        lock (visitor.Questions)
        {
            return visitor.Questions.Where(q => q.AnsweredAt > since).Select(q => q.AnsweredAt).Min();
        }
    }

    private static FaultResult Measure(string name, IReadOnlyList<DrillVisitor> visitors, TimeSpan start, TimeSpan end, TimeSpan? recovery)
    {
        var windowEnd = end + (recovery ?? TimeSpan.Zero);
        int acknowledged = 0, answered = 0;
        foreach (var visitor in visitors)
        {
            lock (visitor.Questions)
            {
                acknowledged += visitor.Questions.Count(q => q.AcknowledgedAt >= start && q.AcknowledgedAt <= windowEnd);
                answered += visitor.Questions.Count(q => q.AnsweredAt >= start && q.AnsweredAt <= windowEnd);
            }
        }

        return new FaultResult(name, end - start, acknowledged, answered, recovery);
    }
}
