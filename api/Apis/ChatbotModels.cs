using System.Security.Claims;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Api.Apis;

/// <summary>
/// The chatbots a caller may chat with, as entries of the OpenAI model list: their ids are what <c>model</c> takes in
/// <c>/chat/completions</c>. A member sees the bots of every workspace whose role allows chatting; an API key those of
/// its workspace when its scopes allow chatting, and only its one bot when it is limited to one.
/// </summary>
public static class ChatbotModels
{
    /// <summary>The most chatbots read from one workspace for the list (a page of the workspace's bots at a time).</summary>
    private const int PageSize = 100;

    public static async Task<IReadOnlyList<ModelEntry>> ListAsync(IGrainFactory grains, ClaimsPrincipal principal)
    {
        var caller = Caller.From(principal);
        if (caller is null)
        {
            return [];
        }

        if (caller.ApiKeyId is not null)
        {
            if (caller.KeyWorkspaceId is null || !RoleMatrix.Allows(caller.Scopes, Permission.Chat))
            {
                return [];
            }

            if (caller.KeyBotId is { } only)
            {
                var bot = await grains.GetGrain<IChatbotGrain>(only).GetAsync();
                return bot is not null && bot.WorkspaceId == caller.KeyWorkspaceId ? [ModelEntry.FromChatbot(bot)] : [];
            }

            return await BotsOfAsync(grains, caller.KeyWorkspaceId);
        }

        var profile = await grains.GetGrain<IUserGrain>(caller.UserId!).GetProfileAsync();
        var entries = new List<ModelEntry>();
        foreach (var workspaceId in profile?.WorkspaceIds ?? [])
        {
            var role = await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetRoleAsync(caller.UserId!);
            if (role is { } r && RoleMatrix.Allows(r, Permission.Chat))
            {
                entries.AddRange(await BotsOfAsync(grains, workspaceId));
            }
        }

        return entries;
    }

    /// <summary>The chatbot <paramref name="botId"/> as a model entry when the caller may chat with it, otherwise null.</summary>
    public static async Task<ModelEntry?> FindAsync(IGrainFactory grains, WorkspaceAuthorizer authorizer, ClaimsPrincipal principal, string botId)
    {
        if (!Ids.IsWellFormed(botId))
        {
            return null;
        }

        try
        {
            await authorizer.ForChatbotAsync(principal, botId, Permission.Chat);
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            return null;
        }

        var bot = await grains.GetGrain<IChatbotGrain>(botId).GetAsync();
        return bot is null ? null : ModelEntry.FromChatbot(bot);
    }

    private static async Task<IReadOnlyList<ModelEntry>> BotsOfAsync(IGrainFactory grains, string workspaceId)
    {
        var entries = new List<ModelEntry>();
        string? cursor = null;
        do
        {
            var page = await grains.GetGrain<IWorkspaceGrain>(workspaceId).ListChatbotsAsync(cursor, PageSize);
            var bots = await Task.WhenAll(page.Ids.Select(id => grains.GetGrain<IChatbotGrain>(id).GetAsync()));
            entries.AddRange(bots.OfType<ChatbotInfo>().Select(ModelEntry.FromChatbot));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return entries;
    }
}
