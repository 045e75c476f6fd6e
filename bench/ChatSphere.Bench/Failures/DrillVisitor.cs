using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSphere.Bench.Load;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Failures;

/// <summary>
/// One widget visitor for the whole drill, with the official SignalR .NET client: starts on its home API node, asks
/// one numbered question after another, and when its connection breaks or a call fails, connects to the other node,
/// resumes its conversation with its visitor token and asks again with the same clientMessageId (the hub's contract:
/// a retry never makes a second message or reply). It records when each question was acknowledged (its stored
/// "message" event) and when its reply finished.
/// </summary>
public sealed class DrillVisitor(int number, IReadOnlyList<Uri> nodes, string botId, DrillSettings settings)
{
    private readonly ConcurrentQueue<string> _failures = new();
    private HubConnection? _connection;
    private int _node = number % nodes.Count;
    private string? _visitorToken;

    public int Number { get; } = number;

    public string ConversationId { get; private set; } = "";

    /// <summary>Every question asked, in order; a question is acknowledged once its stored message event arrived.</summary>
    public List<AskedQuestion> Questions { get; } = [];

    public IEnumerable<string> Failures => _failures;

    public int Reconnects { get; private set; }

    public async Task RunAsync(Stopwatch clock, CancellationToken stop)
    {
        var asked = 0;
        while (!stop.IsCancellationRequested)
        {
            var question = new AskedQuestion($"v{Number}-q{++asked}", $"Visitor {Number} asks question {asked}", clock.Elapsed);
            lock (Questions)
            {
                Questions.Add(question);
            }

            while (!question.Answered && !stop.IsCancellationRequested)
            {
                try
                {
                    await EnsureConnectedAsync(stop);
                    await AskAsync(question, clock, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception failure) when (failure is HubException or InvalidOperationException or IOException or HttpRequestException
                    or System.Net.WebSockets.WebSocketException or TimeoutException or OperationCanceledException)
                {
                    _failures.Enqueue($"{clock.Elapsed.TotalSeconds:F1}s {question.ClientMessageId} on node {_node + 1}: {failure.GetType().Name}: {failure.Message}");
                    await DropConnectionAsync();
                    _node = (_node + 1) % nodes.Count;
                    await Pause(TimeSpan.FromMilliseconds(500), stop);
                }
            }

            await Pause(settings.ThinkTime, stop);
        }
    }

    public async Task DisposeAsync() => await DropConnectionAsync();

    private async Task AskAsync(AskedQuestion question, Stopwatch clock, CancellationToken stop)
    {
        question.Attempts++;
        // A reply that stops streaming for this long is treated as a broken connection and asked again.
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(stop);
        stalled.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var e in _connection!.StreamAsync<ChatEventDto>("Send", ConversationId, question.ClientMessageId, question.Text, stalled.Token))
        {
            switch (e.Type)
            {
                case "message" when e.Role == "user":
                    question.AcknowledgedAt ??= clock.Elapsed;
                    break;
                case "done":
                    question.AnsweredAt = clock.Elapsed;
                    question.ReplyText = e.Text;
                    return;
                case "error":
                    throw new HubException($"error event: {e.Text}");
            }
        }

        throw new IOException("the reply stream ended without done");
    }

    private async Task EnsureConnectedAsync(CancellationToken stop)
    {
        if (_connection is { State: HubConnectionState.Connected })
        {
            return;
        }

        await DropConnectionAsync();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodes[_node], "hubs/chat"))
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(15);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await connection.StartAsync(timeout.Token);
        _connection = connection;
        var started = await connection.InvokeAsync<StartConversationDto>("StartConversation", botId, _visitorToken, timeout.Token);
        if (ConversationId.Length > 0 && started.ConversationId != ConversationId)
        {
            _failures.Enqueue($"node {_node + 1} started conversation {started.ConversationId} instead of resuming {ConversationId}");
        }

        if (ConversationId.Length > 0)
        {
            Reconnects++;
        }

        ConversationId = started.ConversationId;
        _visitorToken = started.VisitorToken;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
            {
                // The node is gone already.
            }
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

/// <summary>One question of a drill visitor: when it was first asked, acknowledged, answered, and after how many attempts.</summary>
public sealed class AskedQuestion(string clientMessageId, string text, TimeSpan askedAt)
{
    public string ClientMessageId { get; } = clientMessageId;

    public string Text { get; } = text;

    public TimeSpan AskedAt { get; } = askedAt;

    public TimeSpan? AcknowledgedAt { get; set; }

    public TimeSpan? AnsweredAt { get; set; }

    public string? ReplyText { get; set; }

    public int Attempts { get; set; }

    public bool Answered => AnsweredAt is not null;
}
