using System.Diagnostics;
using System.Text;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// One reply a conversation grain is generating: its reserved seq, the turn it belongs to, the text so far, the events
/// not yet handed to the observers and the timings its usage record and metrics need. Holds no grain state: the grain
/// decides when the events go out (<see cref="Pending"/>) and whether the reply still counts (<see cref="Superseded"/>).
/// </summary>
internal sealed class ReplyRun(long seq, string messageId, ConversationMessage question, long turn, long receivedAt)
{
    public long Seq { get; } = seq;
    public string MessageId { get; } = messageId;
    public ConversationMessage Question { get; } = question;

    /// <summary>The conversation's turn when the reply began; its events carry it, and a takeover starts a new one.</summary>
    public long Turn { get; } = turn;

    public StringBuilder Text { get; } = new();
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Events waiting until the reply has to wait for something (fewer, larger deliveries).</summary>
    public EventBatch Pending { get; } = new();

    /// <summary>
    /// True once a takeover (or close) stored this reply as interrupted with the text streamed so far: the run may still
    /// be unwinding, but nothing it does afterwards is stored or sent.
    /// </summary>
    public bool Superseded { get; set; }

    /// <summary>True while the finished reply is being written (a takeover waits for it rather than storing it twice).</summary>
    public bool Storing { get; set; }

    /// <summary>True when the question's event already went out (a handoff rule looked at it first).</summary>
    public bool QuestionSent { get; init; }

    /// <summary>When the question reached the grain (a <see cref="Stopwatch"/> timestamp), for the overhead figures.</summary>
    public long ReceivedAt { get; } = receivedAt;

    /// <summary>The platform's own work before the model was called.</summary>
    public TimeSpan? BeforeModel { get; private set; }

    /// <summary>From the question's arrival to the first token.</summary>
    public TimeSpan? FirstToken { get; private set; }

    /// <summary>When the last token arrived (a <see cref="Stopwatch"/> timestamp; 0 before the first).</summary>
    public long LastTokenAt { get; private set; }

    /// <summary>From the question's arrival to the last token (or to now, when none came).</summary>
    public TimeSpan Latency => LastTokenAt != 0 ? Stopwatch.GetElapsedTime(ReceivedAt, LastTokenAt) : Stopwatch.GetElapsedTime(ReceivedAt);

    public void ModelStarting() => BeforeModel ??= Stopwatch.GetElapsedTime(ReceivedAt);

    /// <summary>Appends a piece of text and queues its token event; true when it was the reply's first.</summary>
    public bool Append(string piece)
    {
        Pending.Add(new ChatEvent
        {
            Seq = Seq, Type = ChatEventType.Token, MessageId = MessageId, Role = MessageRole.Assistant,
            Text = piece, Offset = Text.Length, Turn = Turn,
        });
        var first = Text.Length == 0;
        if (first)
        {
            FirstToken = Stopwatch.GetElapsedTime(ReceivedAt);
        }

        Text.Append(piece);
        LastTokenAt = Stopwatch.GetTimestamp();
        return first;
    }

    /// <summary>The text so far as one token event at offset 0, for a client that joins mid-reply.</summary>
    public ChatEvent Snapshot() => new()
    {
        Seq = Seq,
        Type = ChatEventType.Token,
        MessageId = MessageId,
        Role = MessageRole.Assistant,
        Text = Text.ToString(),
        Offset = 0,
        Turn = Turn,
    };

    /// <summary>The reply's failure as an event the widget can show.</summary>
    public ChatEvent Error(string text) => new()
    {
        Seq = Seq,
        Type = ChatEventType.Error,
        MessageId = MessageId,
        Role = MessageRole.Assistant,
        Text = text,
        Status = MessageStatus.Interrupted,
        Turn = Turn,
    };
}
