using ChatSphere.Api.Apis;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// The dashboard's live channel (<c>/hubs/dashboard</c>). <c>WatchSources(botId)</c> makes the connection receive
/// <c>sourceUpdated</c> events (<see cref="SourceUpdate"/>) for every status change of that bot's sources.
/// Only signed-in members (or keys) that may read the bot's workspace may watch; a refusal fails the call, not the connection.
/// </summary>
[Authorize]
public sealed class DashboardHub(IGrainFactory grains, DashboardFeed feed, WorkspaceAuthorizer authorizer) : Hub
{
    public const string SourceUpdated = "sourceUpdated";

    public async Task WatchSources(string botId)
    {
        try
        {
            await authorizer.ForChatbotAsync(Context.User!, botId, Permission.Read);
        }
        catch (ChatSphereException refused)
        {
            throw new HubException(refused.Message);
        }

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
