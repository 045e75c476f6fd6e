using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Events of a conversation waiting to be handed to its observers together: a fast model's whole reply then reaches
/// them with its question, in as few messages as possible. The grain flushes the batch whenever the reply has to wait.
/// </summary>
internal sealed class EventBatch
{
    private readonly List<ChatEvent> _events = [];

    public int Count => _events.Count;

    public void Add(ChatEvent e) => _events.Add(e);

    /// <summary>Hands what is waiting to <paramref name="send"/> as one array (never changed afterwards) and empties the batch.</summary>
    public void Flush(Action<ChatEvent[]> send)
    {
        if (_events.Count > 0)
        {
            var events = _events.ToArray();
            _events.Clear();
            send(events);
        }
    }

    /// <summary>Drops what is waiting (a superseded reply's events must not go out).</summary>
    public void Clear() => _events.Clear();
}
