using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// Puts one reader's events in order and drops what it already has: whole messages once per seq, and reply
/// text exactly once per character (token offsets say where each piece belongs). Events may come from a
/// catch-up batch and from the live feed at once, and the live feed does not promise order.
/// </summary>
public sealed class EventSequencer
{
    private readonly HashSet<long> _whole = [];
    private readonly Dictionary<long, int> _lengths = [];
    private readonly Dictionary<long, SortedList<int, ChatEvent>> _early = [];
    /// <summary>The newest turn a mode event announced: reply text of an older turn is late and dropped.</summary>
    private long _turn;

    /// <summary>Marks a message the reader already has in full.</summary>
    public void Seen(long seq) => _whole.Add(seq);

    /// <summary>The events to pass on, in order, for one incoming event.</summary>
    public IEnumerable<ChatEvent> Accept(ChatEvent e)
    {
        switch (e.Type)
        {
            case ChatEventType.Message or ChatEventType.Done:
                if (_whole.Add(e.Seq))
                {
                    _lengths.Remove(e.Seq);
                    _early.Remove(e.Seq);
                    yield return e;
                }

                break;
            case ChatEventType.Error:
                if (!_whole.Contains(e.Seq))
                {
                    yield return e;
                }

                break;
            case ChatEventType.Mode:
                _turn = Math.Max(_turn, e.Turn);
                yield return e;
                break;
            case ChatEventType.Typing or ChatEventType.Presence:
                yield return e;
                break;
            case ChatEventType.Token:
                if (_whole.Contains(e.Seq) || e.Turn < _turn)
                {
                    break;
                }

                foreach (var token in AcceptToken(e))
                {
                    yield return token;
                }

                break;
        }
    }

    private IEnumerable<ChatEvent> AcceptToken(ChatEvent e)
    {
        var length = _lengths.GetValueOrDefault(e.Seq);
        if (e.Offset > length)
        {
            // A gap: hold this piece until the text before it arrives.
            if (!_early.TryGetValue(e.Seq, out var held))
            {
                _early[e.Seq] = held = [];
            }

            held.TryAdd(e.Offset, e);
            yield break;
        }

        var next = e;
        while (next is not null)
        {
            var end = next.Offset + next.Text.Length;
            if (end > length)
            {
                var skip = length - next.Offset;
                yield return skip == 0 ? next : next with { Text = next.Text[skip..], Offset = length };
                length = end;
            }

            next = null;
            if (_early.TryGetValue(e.Seq, out var held))
            {
                while (held.Count > 0 && held.Keys[0] <= length)
                {
                    var candidate = held.Values[0];
                    held.RemoveAt(0);
                    if (candidate.Offset + candidate.Text.Length > length)
                    {
                        next = candidate;
                        break;
                    }
                }
            }
        }

        _lengths[e.Seq] = length;
    }
}
