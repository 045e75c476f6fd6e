using System.Collections.Concurrent;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// This node's watcher of source status: one observer subscribed to the knowledge grain of every bot a local
/// dashboard connection watches, renewed on a timer while any watches it. Events go to this node's own connections
/// only, so with several nodes (and a Redis backplane) each dashboard receives each event once.
/// </summary>
public sealed partial class DashboardFeed : IHostedService, IKnowledgeObserver, IDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(60);

    private readonly IGrainFactory _grains;
    private readonly IHubContext<DashboardHub> _hub;
    private readonly ILogger<DashboardFeed> _logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _watchers = new(StringComparer.Ordinal);
    private readonly Lazy<IKnowledgeObserver> _reference;
    private Timer? _renewal;

    public DashboardFeed(IGrainFactory grains, IHubContext<DashboardHub> hub, ILogger<DashboardFeed> logger)
    {
        _grains = grains;
        _hub = hub;
        _logger = logger;
        // Orleans holds observer objects weakly: this feed (a singleton) keeps itself alive.
        _reference = new(() => _grains.CreateObjectReference<IKnowledgeObserver>(this));
    }

    public async Task WatchAsync(string botId, IKnowledgeGrain knowledge, string connectionId)
    {
        _watchers.GetOrAdd(botId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[connectionId] = 0;
        await knowledge.SubscribeAsync(_reference.Value);
    }

    public void Unwatch(string botId, string connectionId)
    {
        if (_watchers.TryGetValue(botId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    public void Forget(string connectionId)
    {
        foreach (var connections in _watchers.Values)
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    public async Task OnSourceUpdatedAsync(KnowledgeSource source, bool deleted)
    {
        if (_watchers.TryGetValue(source.BotId, out var connections) && !connections.IsEmpty)
        {
            await _hub.Clients.Clients(connections.Keys.ToArray()).SendAsync(DashboardHub.SourceUpdated, new SourceUpdate(source, deleted));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewal = new Timer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _renewal?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _renewal?.Dispose();

    private async Task RenewAsync()
    {
        foreach (var (botId, connections) in _watchers)
        {
            if (connections.IsEmpty)
            {
                _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, byte>>(botId, connections));
                await _grains.GetGrain<IKnowledgeGrain>(botId).UnsubscribeAsync(_reference.Value).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            try
            {
                await _grains.GetGrain<IKnowledgeGrain>(botId).SubscribeAsync(_reference.Value);
            }
            catch (Exception exception)
            {
                LogRenewFailed(exception, botId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the source-status subscription to chatbot {BotId}")]
    private partial void LogRenewFailed(Exception exception, string botId);
}
