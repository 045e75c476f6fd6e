using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>
/// A real <see cref="IConversationObserver"/> on the cluster client (as an API node has one): it records every event
/// in arrival order and lets a test wait for one. The grain does not promise arrival order (separate one-way calls may
/// overtake each other; the API's EventSequencer orders them by seq and offset), so tests wait for what they need
/// rather than for a position. Disposing deletes the object reference.
/// </summary>
public sealed class EventRecorder : IConversationObserver, IDisposable
{
    /// <summary>How long a test waits for an event before it fails; a guard against hangs, not a timing assertion.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _client;
    private readonly Lock _gate = new();
    private readonly List<ChatEvent> _events = [];
    private readonly HashSet<string> _conversationIds = [];
    private readonly List<Waiter> _waiters = [];

    public EventRecorder(IGrainFactory client)
    {
        _client = client;
        // The client holds the observer weakly; this recorder keeps itself alive for as long as the test uses it.
        Reference = client.CreateObjectReference<IConversationObserver>(this);
    }

    /// <summary>What grains are given to call back.</summary>
    public IConversationObserver Reference { get; }

    /// <summary>Every event so far, in arrival order.</summary>
    public IReadOnlyList<ChatEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The conversations events came from.</summary>
    public IReadOnlySet<string> ConversationIds
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_conversationIds);
            }
        }
    }

    public Task OnEventsAsync(string conversationId, IReadOnlyList<ChatEvent> events)
    {
        lock (_gate)
        {
            _conversationIds.Add(conversationId);
            _events.AddRange(events);
            foreach (var waiter in _waiters.ToArray())
            {
                if (waiter.Condition(_events))
                {
                    _waiters.Remove(waiter);
                    waiter.Signal.TrySetResult();
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits until the events recorded so far satisfy <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ChatEvent>, bool> condition)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (condition(_events))
            {
                return;
            }

            waiter = new Waiter(condition, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Signal.Task.WaitAsync(WaitLimit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"The expected events did not arrive within {WaitLimit}. Seen: {string.Join(", ", Events.Select(e => $"{e.Type}#{e.Seq}@{e.Offset}"))}");
        }
    }

    /// <summary>The first event (already recorded or still to come) that matches.</summary>
    public async Task<ChatEvent> WaitForAsync(Func<ChatEvent, bool> match)
    {
        await WaitUntilAsync(events => events.Any(match));
        return Events.First(match);
    }

    /// <summary>The "done" event of the reply with this seq.</summary>
    public Task<ChatEvent> WaitForDoneAsync(long replySeq) => WaitForAsync(e => e.Type == ChatEventType.Done && e.Seq == replySeq);

    /// <summary>
    /// The "done" event of the reply with this seq, once token events have also covered its text from
    /// <paramref name="from"/> to the end without a gap (tokens may arrive after done).
    /// </summary>
    public async Task<ChatEvent> WaitForWholeReplyAsync(long replySeq, int from = 0)
    {
        var done = await WaitForDoneAsync(replySeq);
        await WaitUntilAsync(events => CoveredUpTo(events.Where(e => e.Seq == replySeq), from) >= done.Text.Length);
        return done;
    }

    /// <summary>How far the token events reach without a gap, starting at <paramref name="from"/>.</summary>
    public static int CoveredUpTo(IEnumerable<ChatEvent> events, int from = 0)
    {
        var end = from;
        foreach (var token in events.Where(e => e.Type == ChatEventType.Token).OrderBy(e => e.Offset))
        {
            if (token.Offset > end)
            {
                break;
            }

            end = Math.Max(end, token.Offset + token.Text.Length);
        }

        return end;
    }

    /// <summary>The recorded events of one message (by seq), in arrival order.</summary>
    public IReadOnlyList<ChatEvent> EventsOf(long seq) => Events.Where(e => e.Seq == seq).ToArray();

    public void Dispose() => _client.DeleteObjectReference<IConversationObserver>(Reference);

    private sealed record Waiter(Func<IReadOnlyList<ChatEvent>, bool> Condition, TaskCompletionSource Signal);
}
