using System.Collections.Concurrent;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// This node's observer of conversations: receives every event of the conversations its readers listen to and
/// hands them to those readers. Readers pass <see cref="ReferenceFor"/> with Send and Resume, which subscribes
/// it; a timer renews subscriptions while readers remain, so a grain that moved to another silo finds this node
/// again. Orleans hands one observer object its messages one at a time, so the node has several, each serving
/// the conversations that hash to it.
/// </summary>
public sealed partial class ConversationFeed : RenewingService
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
    /// <summary>How long a conversation must stay without readers here before the grain is told (a reader that
    /// reconnects at once, with Resume, is not a visitor who left).</summary>
    private static readonly TimeSpan ReleaseAfter = TimeSpan.FromSeconds(1);
    private static readonly int Shards = Math.Max(8, Environment.ProcessorCount * 4);

    private readonly IGrainFactory _grains;
    private readonly ILogger<ConversationFeed> _logger;
    private readonly ConcurrentDictionary<string, ListenerSet> _topics = new(StringComparer.Ordinal);
    private readonly Shard[] _shards;
    private readonly Lazy<IConversationObserver[]> _references;

    public ConversationFeed(IGrainFactory grains, ILogger<ConversationFeed> logger) : base(RenewEvery)
    {
        _grains = grains;
        _logger = logger;
        // Orleans holds observer objects weakly: the shards are kept alive here, as long as the feed.
        _shards = Enumerable.Range(0, Shards).Select(_ => new Shard(this)).ToArray();
        _references = new(() => _shards.Select(_grains.CreateObjectReference<IConversationObserver>).ToArray());
    }

    /// <summary>The grain reference of the observer that serves a conversation on this node.</summary>
    public IConversationObserver ReferenceFor(string conversationId) =>
        _references.Value[(int)((uint)StringComparer.Ordinal.GetHashCode(conversationId) % (uint)Shards)];

    /// <summary>Starts buffering a conversation's events for one reader. Dispose it when done.</summary>
    public ConversationListener Listen(string conversationId)
    {
        var listener = new ConversationListener(conversationId, Remove);
        _topics.AddOrUpdate(conversationId, _ => new ListenerSet(listener), (_, set) => set.Add(listener));
        return listener;
    }

    private Task DeliverAsync(string conversationId, IReadOnlyList<ChatEvent> events)
    {
        if (_topics.TryGetValue(conversationId, out var set))
        {
            foreach (var listener in set.Listeners)
            {
                listener.Post(events);
            }
        }

        return Task.CompletedTask;
    }

    // The observer references live as long as the process: the runtime releases them on shutdown.

    private void Remove(ConversationListener listener)
    {
        while (_topics.TryGetValue(listener.ConversationId, out var set))
        {
            var remaining = set.Remove(listener);
            var lastReader = remaining.Listeners.Length == 0;
            var replaced = lastReader
                ? _topics.TryRemove(new KeyValuePair<string, ListenerSet>(listener.ConversationId, set))
                : _topics.TryUpdate(listener.ConversationId, remaining, set);
            if (replaced)
            {
                if (lastReader)
                {
                    _ = ReleaseWhenStillUnreadAsync(listener.ConversationId);
                }

                return;
            }
        }
    }

    /// <summary>Tells the grain nobody here reads the conversation, if that is still so after <see cref="ReleaseAfter"/>:
    /// a reply nobody reads anywhere is then cancelled by the grain.</summary>
    private async Task ReleaseWhenStillUnreadAsync(string conversationId)
    {
        try
        {
            await Task.Delay(ReleaseAfter);
            if (!_topics.ContainsKey(conversationId))
            {
                await _grains.GetGrain<IConversationGrain>(conversationId).ReleaseWatchAsync(ReferenceFor(conversationId));
            }
        }
        catch (Exception exception)
        {
            LogReleaseFailed(exception, conversationId);
        }
    }

    protected override async Task RenewAsync()
    {
        foreach (var conversationId in _topics.Keys)
        {
            try
            {
                await _grains.GetGrain<IConversationGrain>(conversationId).SubscribeAsync(ReferenceFor(conversationId));
            }
            catch (Exception exception)
            {
                LogRenewFailed(exception, conversationId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell conversation {ConversationId} that nobody here reads it")]
    private partial void LogReleaseFailed(Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the subscription to conversation {ConversationId}")]
    private partial void LogRenewFailed(Exception exception, string conversationId);

    /// <summary>One of the node's observer objects.</summary>
    private sealed class Shard(ConversationFeed feed) : IConversationObserver
    {
        public Task OnEventsAsync(string conversationId, IReadOnlyList<ChatEvent> events) => feed.DeliverAsync(conversationId, events);
    }

    /// <summary>An immutable set of listeners, swapped atomically.</summary>
    private sealed class ListenerSet(params ConversationListener[] listeners)
    {
        public ConversationListener[] Listeners { get; } = listeners;

        public ListenerSet Add(ConversationListener listener) => new([.. Listeners, listener]);

        public ListenerSet Remove(ConversationListener listener) => new(Listeners.Where(l => l != listener).ToArray());
    }
}
