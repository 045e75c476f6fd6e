using System.Text;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Conversations;

/// <summary>The reply a conversation grain is generating: its reserved seq and the text so far.</summary>
internal sealed class ReplyInProgress(long seq, string messageId, ConversationMessage question)
{
    public long Seq { get; } = seq;
    public string MessageId { get; } = messageId;
    public ConversationMessage Question { get; } = question;
    public StringBuilder Text { get; } = new();
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>When the question reached the grain (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), for the overhead figures.</summary>
    public long ReceivedAt { get; init; }

    /// <summary>The text so far as one token event at offset 0, for a client that joins mid-reply.</summary>
    public ChatEvent Snapshot() => new()
    {
        Seq = Seq,
        Type = ChatEventType.Token,
        MessageId = MessageId,
        Role = MessageRole.Assistant,
        Text = Text.ToString(),
        Offset = 0,
    };
}
