using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Load;

/// <summary>One widget: a connection with one open conversation, asking and reading whole streamed replies.</summary>
public sealed class ChatConversation(HubConnection connection, string conversationId, int expectedTokens)
{
    public const string Question = "What are your opening hours?";

    public HubConnection Connection { get; } = connection;

    public static async Task<ChatConversation> StartAsync(HubConnection connection, string botId, int expectedTokens, CancellationToken cancellationToken)
    {
        var started = await connection.InvokeAsync<StartConversationDto>("StartConversation", botId, null, cancellationToken);
        if (string.IsNullOrEmpty(started.ConversationId))
        {
            throw new InvalidOperationException("StartConversation returned no conversationId.");
        }

        return new ChatConversation(connection, started.ConversationId, expectedTokens);
    }

    /// <summary>
    /// Sends the question and reads the stream to its end: the stored "message", the "token" events, then "done".
    /// A reply counts only if it arrived whole (every token, then done).
    /// </summary>
    public async Task<AskOutcome> AskAsync(CancellationToken cancellationToken)
    {
        long first = 0, last = 0;
        var tokens = 0;
        var sawMessage = false;
        try
        {
            var events = Connection.StreamAsync<ChatEventDto>("Send", conversationId, Guid.NewGuid().ToString("N"), Question, cancellationToken);
            await foreach (var e in events)
            {
                switch (e.Type)
                {
                    case "message":
                        sawMessage = true;
                        break;
                    case "token":
                        last = Stopwatch.GetTimestamp();
                        if (tokens++ == 0)
                        {
                            first = last;
                        }

                        break;
                    case "done":
                        return !sawMessage ? AskOutcome.Failed("no message event before done")
                            : tokens != expectedTokens ? AskOutcome.Failed($"{tokens} tokens instead of {expectedTokens}")
                            : new AskOutcome(true, first, last, null);
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
