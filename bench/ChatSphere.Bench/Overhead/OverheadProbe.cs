using ChatSphere.Bench.Load;
using ChatSphere.Bench.Servers;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Overhead;

/// <summary>
/// N conversations ask on ChatSphere with the instant model (a reply costs the model nothing): each at
/// Poisson-distributed moments with the given mean gap (the widget load), or back to back when there is none (a
/// saturating closed loop, where the overhead is mostly queueing for the CPU). The
/// server records, per reply, the time from the message received to the prompt handed to the model adapter and from
/// the adapter's last token to the finished reply handed to the API nodes (histograms
/// <c>chatsphere.reply.overhead*</c>); the probe scrapes /metrics at the start and end of the measured window and
/// reads the percentiles of the difference.
/// </summary>
public static class OverheadProbe
{
    public const string TotalMetric = "chatsphere_reply_overhead_milliseconds";
    public const string BeforeMetric = "chatsphere_reply_overhead_before_model_milliseconds";
    public const string AfterMetric = "chatsphere_reply_overhead_after_model_milliseconds";

    private const int Seed = 20261125;

    public static async Task<OverheadResult> RunAsync(
        ServerUnderTest server, int conversations, TimeSpan? meanInterval, LoadSettings settings, CancellationToken cancellationToken)
    {
        await using var set = await ConversationSet.OpenAsync(server, conversations, settings.ExpectedTokens, cancellationToken);
        using var http = new HttpClient { BaseAddress = server.Process.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        long replies = 0;
        var windowStart = Clock.After(Clock.Now, settings.Warmup);
        var windowEnd = Clock.After(windowStart, settings.Window);

        async Task WorkAsync(ChatConversation conversation, Random random)
        {
            while (Clock.Now < windowEnd && conversation.Connection.State == HubConnectionState.Connected)
            {
                if (meanInterval is { } mean)
                {
                    await Task.Delay(TimeSpan.FromTicks((long)(-Math.Log(1 - random.NextDouble()) * mean.Ticks)), cancellationToken);
                }

                var outcome = await conversation.AskAsync(cancellationToken);
                if (outcome.Succeeded && outcome.LastTokenTimestamp >= windowStart && outcome.LastTokenTimestamp <= windowEnd)
                {
                    Interlocked.Increment(ref replies);
                }
                else if (!outcome.Succeeded)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }
        }

        var workers = set.Conversations.Select((c, i) => Task.Run(() => WorkAsync(c, new Random(Seed + i)), cancellationToken)).ToArray();
        await Clock.DelayUntilAsync(windowStart, cancellationToken);
        var before = await http.GetStringAsync("metrics", cancellationToken);
        var measuring = MeasuredWindow.MeasureAsync(server, workers, Clock.Now, windowEnd, cancellationToken);
        await Clock.DelayUntilAsync(windowEnd, cancellationToken);
        var after = await http.GetStringAsync("metrics", cancellationToken);
        var load = await measuring;

        PrometheusHistogram Window(string name) => PrometheusHistogram.Parse(after, name).Since(PrometheusHistogram.Parse(before, name));
        var total = Window(TotalMetric);
        if (total.Count == 0)
        {
            throw new InvalidOperationException($"The server recorded no {TotalMetric} samples in the window: is the meter ChatSphere.Ai exported at /metrics?");
        }

        return new OverheadResult(conversations, meanInterval, settings.Window, replies, total, Window(BeforeMetric), Window(AfterMetric), load);
    }
}
