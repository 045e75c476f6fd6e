using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Browser.Tests;

/// <summary>A hub filter that remembers the open connections so a test can make the server drop them.</summary>
public sealed class ConnectionDropper : IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _open[context.Context.ConnectionId] = context.Context;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    /// <summary>Aborts every open connection, as a server restart or a network cut would. Returns how many.</summary>
    public int DropAll()
    {
        var dropped = 0;
        foreach (var (id, context) in _open)
        {
            if (_open.TryRemove(id, out _))
            {
                context.Abort();
                dropped++;
            }
        }

        return dropped;
    }
}
