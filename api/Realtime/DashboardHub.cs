using ChatSphere.Api.Apis;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// The dashboard's live channel (<c>/hubs/dashboard</c>). <c>WatchSources(botId)</c> makes the connection receive
/// <c>sourceUpdated</c> events (<see cref="SourceUpdate"/>) for every status change of that bot's sources; the live
/// operations (the inbox, one conversation token by token, typing, presence) are in <c>DashboardHub.Live.cs</c>.
/// Only signed-in members (or keys) that may read the bot's workspace may watch; a refusal fails the call, not the connection.
/// Access follows the workspace as it is now: every call is authorised afresh (an API key's secret is checked again), a
/// revoked key's connections close on every node, a removed member's connection closes before it would receive another
/// event (<see cref="DashboardFeed"/>, <see cref="InboxFeed"/>), and a connection opened with an access token closes when the token expires.
/// </summary>
[Authorize]
public sealed partial class DashboardHub(
    IGrainFactory grains, DashboardFeed feed, InboxFeed inbox, ConversationStreams streams, AgentIdentity agents, WorkspaceAuthorizer authorizer,
    ApiKeyConnections apiKeys) : Hub
{
    public const string SourceUpdated = "sourceUpdated";

    private const string ApiKeyItem = "chatsphere.api-key";

    public override async Task OnConnectedAsync()
    {
        if (Caller.From(Context.User) is { ApiKeyId: { } keyId })
        {
            Context.Items[ApiKeyItem] = keyId;
            await apiKeys.TrackAsync(keyId, Context);
        }

        await base.OnConnectedAsync();
    }

    public async Task WatchSources(string botId)
    {
        await AuthorizeAsync(() => authorizer.ForChatbotAsync(Context.User!, botId, Permission.Read));
        var knowledge = await SourcesApi.KnowledgeOfAsync(grains, botId);
        await feed.WatchAsync(botId, knowledge, Context);
    }

    public Task UnwatchSources(string botId)
    {
        feed.Unwatch(botId, Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Forget(Context.ConnectionId);
        await inbox.ForgetAsync(Context.ConnectionId);
        if (Context.Items.TryGetValue(ApiKeyItem, out var keyId) && keyId is string key)
        {
            apiKeys.Untrack(key, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Authorises a call against the workspace as it is now: an API key's secret is checked again (a dead credential closes the
    /// connection); a refusal fails the call with the reason, and the connection stays.
    /// </summary>
    private async Task<WorkspaceAccess> AuthorizeAsync(Func<Task<WorkspaceAccess>> authorize)
    {
        try
        {
            if (Context.Items.ContainsKey(ApiKeyItem) && !await apiKeys.StillValidAsync(Context))
            {
                throw new UnauthenticatedException();
            }

            return await authorize();
        }
        catch (UnauthenticatedException)
        {
            Context.Abort();
            throw new HubException("The credential of this connection no longer works.");
        }
        catch (ChatSphereException refused)
        {
            throw new HubException(refused.Message);
        }
    }
}
