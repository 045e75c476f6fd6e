using ChatSphere.GrainInterfaces.Conversations;
using Orleans.Utilities;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Observers and watchers: the API nodes subscribed to this conversation's events (one observer per node), which of
/// them still have a reader, and the abandoned-reply check that cancels a reply nobody reads any more.
/// </summary>
public sealed partial class ConversationGrain
{
    private ObserverManager<IConversationObserver>? _observerManager;
    /// <summary>Subscribed nodes that said none of their readers follows this conversation any more.</summary>
    private readonly HashSet<IConversationObserver> _idleWatchers = [];
    private IGrainTimer? _abandonCheck;

    private ObserverManager<IConversationObserver> Observers => _observerManager ??= new(TimeSpan.FromMinutes(5), logger);

    public Task SubscribeAsync(IConversationObserver observer)
    {
        Watch(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IConversationObserver observer)
    {
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task ReleaseWatchAsync(IConversationObserver observer)
    {
        _idleWatchers.Add(observer);
        if (_reply is not null && NobodyWatches())
        {
            _abandonCheck?.Dispose();
            var grace = TimeSpan.FromSeconds(Math.Max(0, aiOptions.Value.AbandonedReplyGraceSeconds));
            _abandonCheck = this.RegisterGrainTimer(CancelIfAbandonedAsync, new GrainTimerCreationOptions(grace, Timeout.InfiniteTimeSpan) { Interleave = true });
        }

        return Task.CompletedTask;
    }

    private void Watch(IConversationObserver observer)
    {
        Observers.Subscribe(observer, observer);
        _idleWatchers.Remove(observer);
    }

    private bool NobodyWatches() => Observers.Observers.Keys.All(_idleWatchers.Contains);

    private async Task CancelIfAbandonedAsync(CancellationToken cancellationToken)
    {
        _abandonCheck?.Dispose();
        _abandonCheck = null;
        if (_reply is not null && NobodyWatches())
        {
            await CancelReplyAsync("nobody reads the conversation any more (the visitor left)");
        }
    }

    /// <summary>Sends a batch of events to every subscribed node (a one-way call each; the batch is never changed afterwards).</summary>
    private void Notify(ChatEvent[] events)
    {
        if (Observers.Count > 0)
        {
            var id = ConversationId;
            Observers.Notify(o => o.OnEventsAsync(id, events));
        }
    }

    /// <summary>Forgets every watcher (the conversation was erased).</summary>
    private void ForgetWatchers()
    {
        _abandonCheck?.Dispose();
        _abandonCheck = null;
        Observers.Clear();
        _idleWatchers.Clear();
    }
}
