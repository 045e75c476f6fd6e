using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// A workspace's inbox watchers: the API nodes with dashboard connections on the inbox, and how many agents each has.
/// Not on the message path: conversation grains ask it who to tell (cached for a moment) and tell the nodes themselves.
/// Nothing here is persisted: nodes renew their subscriptions on a timer, so a moved grain learns them again.
/// </summary>
public sealed class InboxGrain(ILogger<InboxGrain> logger) : Grain, IInboxGrain
{
    private readonly ObserverManager<IInboxObserver> _nodes = new(TimeSpan.FromMinutes(2), logger);
    private readonly Dictionary<IInboxObserver, int> _agents = [];

    public Task SubscribeAsync(IInboxObserver node, int agentsOnline)
    {
        _nodes.Subscribe(node, node);
        _agents[node] = Math.Max(0, agentsOnline);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IInboxObserver node)
    {
        _nodes.Unsubscribe(node);
        _agents.Remove(node);
        return Task.CompletedTask;
    }

    public Task<InboxWatchers> GetWatchersAsync()
    {
        _nodes.ClearExpired();
        var nodes = _nodes.Observers.Values.ToArray();
        foreach (var gone in _agents.Keys.Except(nodes).ToArray())
        {
            _agents.Remove(gone);
        }

        return Task.FromResult(new InboxWatchers { Nodes = nodes, AgentsOnline = nodes.Sum(n => _agents.GetValueOrDefault(n)) });
    }
}
