using System.Diagnostics;
using ChatSphere.Bench.Load;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Soak;

/// <summary>
/// One widget conversation of the soak. A reply counts when it arrives whole: "done" with the instant model's full text
/// ("word1 … wordN"). Unlike the throughput benches it does not ask for one event per token: under load the
/// conversation grain sends several tokens in one event, which is the product working as designed.
/// </summary>
public sealed class SoakConversation(HubConnection connection, string conversationId, int tokens)
{
    public HubConnection Connection { get; } = connection;

    public static async Task<SoakConversation> StartAsync(HubConnection connection, string botId, int tokens, CancellationToken cancellationToken)
    {
        var started = await connection.InvokeAsync<StartConversationDto>("StartConversation", botId, null, cancellationToken);
        return new SoakConversation(connection, started.ConversationId, tokens);
    }

    public async Task<AskOutcome> AskAsync(CancellationToken cancellationToken)
    {
        long first = 0;
        try
        {
            await foreach (var e in Connection.StreamAsync<ChatEventDto>("Send", conversationId, Guid.NewGuid().ToString("N"), ChatConversation.Question, cancellationToken))
            {
                switch (e.Type)
                {
                    case "token" when first == 0:
                        first = Stopwatch.GetTimestamp();
                        break;
                    case "done":
                        return e.Text.EndsWith($"word{tokens}", StringComparison.Ordinal) && first != 0
                            ? new AskOutcome(true, first, Stopwatch.GetTimestamp(), null)
                            : AskOutcome.Failed($"an incomplete reply: \"{e.Text[..Math.Min(e.Text.Length, 40)]}…\"");
                    case "error":
                        return AskOutcome.Failed($"error event: {e.Text}");
                }
            }

            return AskOutcome.Failed("the stream ended without done");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception failure) when (failure is HubException or InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException)
        {
            return AskOutcome.Failed($"{failure.GetType().Name}: {failure.Message}");
        }
    }
}
