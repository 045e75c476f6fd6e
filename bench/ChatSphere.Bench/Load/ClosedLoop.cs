using ChatSphere.Bench.Servers;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Load;

/// <summary>
/// N conversations, each asking and reading the whole reply back to back. After a warm-up, the asks completed within
/// the measured window are counted, with their time to first and last token from the moment they were sent.
/// </summary>
public static class ClosedLoop
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(50);

    public static async Task<LoadResult> RunAsync(ServerUnderTest server, int conversations, LoadSettings settings, CancellationToken cancellationToken)
    {
        await using var set = await ConversationSet.OpenAsync(server, conversations, settings.ExpectedTokens, cancellationToken);

        var ttft = new LatencyHistogram();
        var ttlt = new LatencyHistogram();
        var failures = new FailureLog();
        long asks = 0;
        var windowStart = Clock.After(Clock.Now, settings.Warmup);
        var windowEnd = Clock.After(windowStart, settings.Window);

        async Task WorkAsync(ChatConversation conversation)
        {
            while (Clock.Now < windowEnd && conversation.Connection.State == HubConnectionState.Connected)
            {
                var sent = Clock.Now;
                var outcome = await conversation.AskAsync(cancellationToken);
                var finished = Clock.Now;
                var inWindow = finished >= windowStart && finished <= windowEnd;
                if (outcome.Succeeded)
                {
                    if (inWindow)
                    {
                        Interlocked.Increment(ref asks);
                        ttft.Record(sent, outcome.FirstTokenTimestamp);
                        ttlt.Record(sent, outcome.LastTokenTimestamp);
                    }
                }
                else
                {
                    if (inWindow)
                    {
                        failures.Add(outcome.Failure!);
                    }

                    await Task.Delay(PauseAfterFailure, cancellationToken);
                }
            }
        }

        var workers = set.Conversations.Select(c => Task.Run(() => WorkAsync(c), cancellationToken)).ToArray();
        var window = await MeasuredWindow.MeasureAsync(server, workers, windowStart, windowEnd, cancellationToken);
        return new LoadResult(
            new LoadPhase(Closed: true, conversations), server.Kind, conversations, settings.Window, asks, failures.Count, failures.First,
            ttft, ttlt, window.ServerBefore, window.ServerAfter, window.ClientCpu, window.MachineBusyCores);
    }
}
