using ChatSphere.Api.Apis;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// The dashboard's live channel (<c>/hubs/dashboard</c>). <c>WatchSources(botId)</c> makes the connection receive
/// <c>sourceUpdated</c> events (<see cref="SourceUpdate"/>) for every status change of that bot's sources.
/// </summary>
public sealed class DashboardHub(IGrainFactory grains, DashboardFeed feed) : Hub
{
    public const string SourceUpdated = "sourceUpdated";

    public async Task WatchSources(string botId)
    {
        var knowledge = await SourcesApi.KnowledgeOfAsync(grains, botId);
        await feed.WatchAsync(botId, knowledge, Context.ConnectionId);
    }

    public Task UnwatchSources(string botId)
    {
        feed.Unwatch(botId, Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
