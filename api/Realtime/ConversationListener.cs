using System.Threading.Channels;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Realtime;

/// <summary>One reader of a conversation's live events on this node (a hub stream or an SSE response).</summary>
public sealed class ConversationListener : IDisposable
{
    /// <summary>Events a reader may fall behind by before it is cut off (it can resume).</summary>
    public const int Capacity = 10_000;

    private readonly Channel<ChatEvent> _events = Channel.CreateBounded<ChatEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
    private readonly Action<ConversationListener> _onDispose;

    internal ConversationListener(string conversationId, Action<ConversationListener> onDispose)
    {
        ConversationId = conversationId;
        _onDispose = onDispose;
    }

    public string ConversationId { get; }

    public ChannelReader<ChatEvent> Events => _events.Reader;

    internal void Post(IReadOnlyList<ChatEvent> events)
    {
        foreach (var e in events)
        {
            if (!_events.Writer.TryWrite(e))
            {
                _events.Writer.TryComplete(new InvalidOperationException("The reader fell too far behind; resume to continue."));
                return;
            }
        }
    }

    public void Dispose()
    {
        _events.Writer.TryComplete();
        _onDispose(this);
    }
}
