using System.Collections.Concurrent;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// This node's watcher of workspace inboxes: one observer subscribed to the inbox grain of every workspace a local
/// dashboard connection watches, with the number of agents watching here (so a request for a person knows whether anyone
/// is online). Conversation grains send inbox events straight to it; they go to this node's own connections only, each
/// checked against the workspace as it is now (a removed member's connection gets nothing more and is closed).
/// </summary>
public sealed partial class InboxFeed : RenewingService, IInboxObserver
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _grains;
    private readonly IHubContext<DashboardHub> _hub;
    private readonly WorkspaceAuthorizer _authorizer;
    private readonly ILogger<InboxFeed> _logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Watcher>> _watchers = new(StringComparer.Ordinal);
    private readonly Lazy<IInboxObserver> _reference;

    public InboxFeed(IGrainFactory grains, IHubContext<DashboardHub> hub, WorkspaceAuthorizer authorizer, ILogger<InboxFeed> logger) : base(RenewEvery)
    {
        _grains = grains;
        _hub = hub;
        _authorizer = authorizer;
        _logger = logger;
        // Orleans holds observer objects weakly: this feed (a singleton) keeps itself alive.
        _reference = new(() => _grains.CreateObjectReference<IInboxObserver>(this));
    }

    /// <summary>Starts sending the workspace's inbox events to the connection; <paramref name="agentId"/> counts as online
    /// when <paramref name="isAgent"/> (the connection may handle live conversations).</summary>
    public async Task WatchAsync(string workspaceId, HubCallerContext connection, string agentId, bool isAgent)
    {
        _watchers.GetOrAdd(workspaceId, _ => new ConcurrentDictionary<string, Watcher>(StringComparer.Ordinal))[connection.ConnectionId] =
            new Watcher(connection, agentId, isAgent);
        await SubscribeAsync(workspaceId);
    }

    public async Task UnwatchAsync(string workspaceId, string connectionId)
    {
        if (_watchers.TryGetValue(workspaceId, out var connections) && connections.TryRemove(connectionId, out _))
        {
            await SubscribeAsync(workspaceId);
        }
    }

    /// <summary>A connection closed: it watches nothing any more.</summary>
    public async Task ForgetAsync(string connectionId)
    {
        foreach (var (workspaceId, connections) in _watchers)
        {
            if (connections.TryRemove(connectionId, out _))
            {
                await SubscribeAsync(workspaceId);
            }
        }
    }

    public async Task OnInboxEventAsync(string workspaceId, InboxEvent inboxEvent)
    {
        if (_watchers.TryGetValue(workspaceId, out var connections) && !connections.IsEmpty)
        {
            var allowed = await StillAllowedAsync(workspaceId, connections);
            if (allowed.Length > 0)
            {
                await _hub.Clients.Clients(allowed).SendAsync(DashboardHub.InboxUpdated, inboxEvent);
            }
        }
    }

    protected override async Task RenewAsync()
    {
        foreach (var (workspaceId, connections) in _watchers)
        {
            try
            {
                if (!connections.IsEmpty)
                {
                    await StillAllowedAsync(workspaceId, connections);
                }

                await SubscribeAsync(workspaceId);
            }
            catch (Exception exception)
            {
                LogRenewFailed(exception, workspaceId);
            }
        }
    }

    /// <summary>Tells the inbox grain this node's agents online (or that nobody here watches any more).</summary>
    private async Task SubscribeAsync(string workspaceId)
    {
        var inbox = _grains.GetGrain<IInboxGrain>(workspaceId);
        if (!_watchers.TryGetValue(workspaceId, out var connections) || connections.IsEmpty)
        {
            _watchers.TryRemove(workspaceId, out _);
            await inbox.UnsubscribeAsync(_reference.Value);
            return;
        }

        var agents = connections.Values.Where(w => w.IsAgent).Select(w => w.AgentId).Distinct(StringComparer.Ordinal).Count();
        await inbox.SubscribeAsync(_reference.Value, agents);
    }

    /// <summary>The watchers of <paramref name="workspaceId"/> that may still read it; the others are dropped and closed.</summary>
    private async Task<string[]> StillAllowedAsync(string workspaceId, ConcurrentDictionary<string, Watcher> connections)
    {
        var checks = connections.Values.Select(async watcher =>
        {
            try
            {
                await _authorizer.ForWorkspaceAsync(watcher.Connection.User ?? new System.Security.Claims.ClaimsPrincipal(), workspaceId, Permission.Read);
                return watcher.Connection.ConnectionId;
            }
            catch (Exception refused) when (refused is ChatSphereException or UnauthenticatedException)
            {
                connections.TryRemove(watcher.Connection.ConnectionId, out _);
                LogAccessLost(workspaceId, watcher.Connection.ConnectionId);
                watcher.Connection.Abort();
                return null;
            }
        });
        return (await Task.WhenAll(checks)).OfType<string>().ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard connection {ConnectionId} may no longer read workspace {WorkspaceId}: closed")]
    private partial void LogAccessLost(string workspaceId, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the inbox subscription of workspace {WorkspaceId}")]
    private partial void LogRenewFailed(Exception exception, string workspaceId);

    private sealed record Watcher(HubCallerContext Connection, string AgentId, bool IsAgent);
}
