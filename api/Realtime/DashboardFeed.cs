using System.Collections.Concurrent;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// This node's watcher of source status: one observer subscribed to the knowledge grain of every bot a local
/// dashboard connection watches, renewed on a timer while any watches it. Events go to this node's own connections
/// only, so with several nodes (and a Redis backplane) each dashboard receives each event once. Before an event goes out,
/// and on every renewal, each watcher's access is checked against the workspace as it is now: a connection whose member
/// was removed (or whose role no longer reads the bot) gets nothing more and is closed.
/// </summary>
public sealed partial class DashboardFeed : RenewingService, IKnowledgeObserver
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(60);

    private readonly IGrainFactory _grains;
    private readonly IHubContext<DashboardHub> _hub;
    private readonly ILogger<DashboardFeed> _logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _watchers = new(StringComparer.Ordinal);
    private readonly WorkspaceAuthorizer _authorizer;
    private readonly Lazy<IKnowledgeObserver> _reference;

    public DashboardFeed(IGrainFactory grains, IHubContext<DashboardHub> hub, WorkspaceAuthorizer authorizer, ILogger<DashboardFeed> logger)
        : base(RenewEvery)
    {
        _authorizer = authorizer;
        _grains = grains;
        _hub = hub;
        _logger = logger;
        // Orleans holds observer objects weakly: this feed (a singleton) keeps itself alive.
        _reference = new(() => _grains.CreateObjectReference<IKnowledgeObserver>(this));
    }

    public async Task WatchAsync(string botId, IKnowledgeGrain knowledge, HubCallerContext connection)
    {
        _watchers.GetOrAdd(botId, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[connection.ConnectionId] = connection;
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
            var allowed = await StillAllowedAsync(source.BotId, connections);
            if (allowed.Length > 0)
            {
                await _hub.Clients.Clients(allowed).SendAsync(DashboardHub.SourceUpdated, new SourceUpdate(source, deleted));
            }
        }
    }

    /// <summary>The watchers of <paramref name="botId"/> that may still read it; the others are dropped and closed.</summary>
    private async Task<string[]> StillAllowedAsync(string botId, ConcurrentDictionary<string, HubCallerContext> connections)
    {
        var checks = connections.Values.Select(async connection =>
        {
            try
            {
                await _authorizer.ForChatbotAsync(connection.User ?? new System.Security.Claims.ClaimsPrincipal(), botId, Permission.Read);
                return connection.ConnectionId;
            }
            catch (Exception refused) when (refused is ChatSphereException or UnauthenticatedException)
            {
                connections.TryRemove(connection.ConnectionId, out _);
                LogAccessLost(botId, connection.ConnectionId);
                connection.Abort();
                return null;
            }
        });
        return (await Task.WhenAll(checks)).OfType<string>().ToArray();
    }

    protected override async Task RenewAsync()
    {
        foreach (var (botId, connections) in _watchers)
        {
            if (connections.IsEmpty)
            {
                _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(botId, connections));
                await _grains.GetGrain<IKnowledgeGrain>(botId).UnsubscribeAsync(_reference.Value).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            try
            {
                await StillAllowedAsync(botId, connections);
                await _grains.GetGrain<IKnowledgeGrain>(botId).SubscribeAsync(_reference.Value);
            }
            catch (Exception exception)
            {
                LogRenewFailed(exception, botId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard connection {ConnectionId} may no longer read chatbot {BotId}: closed")]
    private partial void LogAccessLost(string botId, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the source-status subscription to chatbot {BotId}")]
    private partial void LogRenewFailed(Exception exception, string botId);
}
