using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Bench.Bare;

/// <summary>
/// The baseline: a SignalR hub with ChatSphere's widget signature that stores nothing and calls no grain.
/// Send streams the user's message back, the fixed reply token by token, then "done".
/// </summary>
public sealed class BareChatHub(BareReply reply) : Hub
{
    private const string SeqKey = "bench.seq";

    public BareStartConversationResult StartConversation(string botId, string? visitorToken) => new(
        Guid.NewGuid().ToString("N"), visitorToken ?? Guid.NewGuid().ToString("N"), "Hi! How can I help?", 0, botId, []);

    public async IAsyncEnumerable<BareChatEvent> Send(
        string conversationId, string clientMessageId, string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(clientMessageId);

        // Hub invocations of one connection run one at a time, so a plain per-connection counter is enough.
        var seq = Context.Items.TryGetValue(SeqKey, out var boxed) ? (long)boxed! : 0;
        var questionSeq = seq + 1;
        var replySeq = seq + 2;
        Context.Items[SeqKey] = replySeq;

        yield return new BareChatEvent(questionSeq, BareEventType.Message, Guid.NewGuid().ToString("N"), BareRole.User, text, 0);

        var replyId = Guid.NewGuid().ToString("N");
        for (var i = 0; i < reply.Pieces.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new BareChatEvent(replySeq, BareEventType.Token, replyId, BareRole.Assistant, reply.Pieces[i], reply.Offsets[i]);
        }

        yield return new BareChatEvent(replySeq, BareEventType.Done, replyId, BareRole.Assistant, reply.Text, 0);
    }
}
