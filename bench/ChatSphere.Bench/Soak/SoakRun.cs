using System.Diagnostics;
using ChatSphere.Bench.Failures;
using ChatSphere.Bench.Load;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Soak;

/// <summary>
/// Issue 16, item 6: realistic open-loop traffic for a long time across two API nodes of the cluster shape (the
/// failure drill's processes, with no faults), sampled every minute: asks answered and failed, time to first token
/// and to the last token (p50, p99), and the resident memory of every process, to show whether memory stays flat.
/// </summary>
public static class SoakRun
{
    public static async Task<SoakResult> RunAsync(
        string repoRoot, string configuration, int conversations, TimeSpan meanInterval, TimeSpan duration, Action<string> log, CancellationToken cancellationToken)
    {
        var settings = new DrillSettings { TokensPerReply = 20, TokenDelayMs = 10, FastFailureDetection = false };
        await using var cluster = await DrillCluster.StartAsync(repoRoot, configuration, settings, cancellationToken);
        log($"soak: cluster up (logs in {cluster.WorkFolder}); opening {conversations} conversations over both API nodes");
        var opened = new List<SoakConversation>();
        for (var i = 0; i < conversations; i++)
        {
            var connection = await HubConnections.OpenAsync(new Uri(cluster.ApiUris[i % 2], "hubs/chat"), cancellationToken);
            opened.Add(await SoakConversation.StartAsync(connection, cluster.BotId, settings.TokensPerReply, cancellationToken));
        }

        var minute = new MinuteCounters();
        var samples = new List<SoakSample>();
        var start = Clock.Now;
        var end = Clock.After(start, duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task AskForever(SoakConversation conversation, Random random)
        {
            var due = Clock.After(start, Gap(random, meanInterval));
            while (due < end && !stop.IsCancellationRequested)
            {
                await Clock.DelayUntilAsync(due, stop.Token);
                var outcome = await conversation.AskAsync(stop.Token);
                minute.Record(due, outcome);
                due = Clock.After(due, Gap(random, meanInterval));
            }
        }

        var workers = opened.Select((c, i) => Task.Run(() => AskForever(c, new Random(20261207 + i)), CancellationToken.None)).ToList();
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
            var sample = minute.TakeSample(elapsed.Elapsed, cluster.Silos.Concat(cluster.Apis).Select(n => (n.Name, Rss: n.ProcessId == 0 ? 0 : ProcFs.ReadRssBytes(n.ProcessId))).ToList());
            samples.Add(sample);
            log($"soak: {sample.Describe()}");
        }

        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException)
        {
            // The last asks were cut off by the end of the run.
        }

        await HubConnections.CloseAllAsync(opened.Select(c => c.Connection));
        cluster.KeepWorkFolder = false;
        return new SoakResult(conversations, meanInterval, duration, configuration, samples);
    }

    private static TimeSpan Gap(Random random, TimeSpan mean) => TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) * mean.TotalSeconds);
}

/// <summary>The asks of the current minute; <see cref="TakeSample"/> closes the minute and starts the next.</summary>
public sealed class MinuteCounters
{
    private readonly Lock _gate = new();
    private LatencyHistogram _firstToken = new();
    private LatencyHistogram _lastToken = new();
    private long _answered;
    private long _failed;
    private string? _firstFailure;

    public void Record(long due, AskOutcome outcome)
    {
        lock (_gate)
        {
            if (outcome.Succeeded)
            {
                _answered++;
                _firstToken.Record(due, outcome.FirstTokenTimestamp);
                _lastToken.Record(due, outcome.LastTokenTimestamp);
            }
            else
            {
                _failed++;
                _firstFailure ??= outcome.Failure;
            }
        }
    }

    public SoakSample TakeSample(TimeSpan at, IReadOnlyList<(string Name, long Rss)> memory)
    {
        lock (_gate)
        {
            var sample = new SoakSample(at, _answered, _failed, _firstToken.PercentileMs(50), _firstToken.PercentileMs(99), _lastToken.PercentileMs(50), _lastToken.PercentileMs(99), memory, _firstFailure);
            _firstFailure = null;
            _firstToken = new LatencyHistogram();
            _lastToken = new LatencyHistogram();
            _answered = 0;
            _failed = 0;
            return sample;
        }
    }
}
