using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Load;

/// <summary>
/// The widget load: conversations that each ask at Poisson-distributed moments (exponential gaps with the given mean),
/// whether or not the server keeps up. Latencies run from the moment an ask was due, so a late send counts against the
/// result instead of hiding it (no coordinated omission).
/// </summary>
public static class OpenLoop
{
    private const int Seed = 20261125;

    public static async Task<LoadResult> RunAsync(
        ServerUnderTest server, int conversations, TimeSpan meanInterval, LoadSettings settings, CancellationToken cancellationToken)
    {
        await using var set = await ConversationSet.OpenAsync(server, conversations, settings.ExpectedTokens, cancellationToken);

        var ttft = new LatencyHistogram();
        var ttlt = new LatencyHistogram();
        var failures = new FailureLog();
        long asks = 0;
        var warmupStart = Clock.Now;
        var windowStart = Clock.After(warmupStart, settings.Warmup);
        var windowEnd = Clock.After(windowStart, settings.Window);

        // The schedule starts with the warm-up; only the asks due within the window are counted.
        async Task WorkAsync(ChatConversation conversation, Random random)
        {
            var due = Clock.After(warmupStart, NextGap(random, meanInterval));
            while (due < windowEnd)
            {
                await Clock.DelayUntilAsync(due, cancellationToken);
                var outcome = await conversation.AskAsync(cancellationToken);
                if (due < windowStart)
                {
                    // Warm-up.
                }
                else if (outcome.Succeeded)
                {
                    Interlocked.Increment(ref asks);
                    ttft.Record(due, outcome.FirstTokenTimestamp);
                    ttlt.Record(due, outcome.LastTokenTimestamp);
                }
                else
                {
                    failures.Add(outcome.Failure!);
                }

                due = Clock.After(due, NextGap(random, meanInterval));
            }
        }

        var workers = set.Conversations
            .Select((c, i) => Task.Run(() => WorkAsync(c, new Random(Seed + i)), cancellationToken))
            .ToArray();
        var window = await MeasuredWindow.MeasureAsync(server, workers, windowStart, windowEnd, cancellationToken);
        return new LoadResult(
            new LoadPhase(Closed: false, conversations), server.Kind, conversations, settings.Window, asks, failures.Count, failures.First,
            ttft, ttlt, window.ServerBefore, window.ServerAfter, window.ClientCpu, window.MachineBusyCores);
    }

    /// <summary>An exponentially distributed gap: the time between arrivals of a Poisson process.</summary>
    private static TimeSpan NextGap(Random random, TimeSpan mean) => mean * -Math.Log(1 - random.NextDouble());
}
