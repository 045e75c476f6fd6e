using System.Security.Claims;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Api.Auth;

/// <summary>
/// Decides whether a caller may do something in a workspace, resolving the workspace from the resource addressed.
/// A caller outside the workspace gets the resource's 404 (its existence is not revealed); a member whose role (or a key
/// whose scopes) falls short gets 403. Membership is read from the workspace grain on every call, so a removal or a
/// role change applies to the next request.
/// </summary>
public sealed class WorkspaceAuthorizer(IGrainFactory grains)
{
    public Task<WorkspaceAccess> ForWorkspaceAsync(ClaimsPrincipal principal, string workspaceId, Permission permission)
    {
        var id = WellFormed(workspaceId, "Workspace");
        return CheckAsync(principal, id, null, null, permission, () => new NotFoundException("Workspace", id));
    }

    public async Task<WorkspaceAccess> ForChatbotAsync(ClaimsPrincipal principal, string botId, Permission permission)
    {
        var id = WellFormed(botId, "Chatbot");
        var bot = await grains.GetGrain<IChatbotGrain>(id).GetAsync() ?? throw new NotFoundException("Chatbot", id);
        return await CheckAsync(principal, bot.WorkspaceId, bot.Id, null, permission, () => new NotFoundException("Chatbot", id));
    }

    public async Task<WorkspaceAccess> ForConversationAsync(ClaimsPrincipal principal, string conversationId, Permission permission)
    {
        var id = WellFormed(conversationId, "Conversation");
        var conversation = await grains.GetGrain<IConversationGrain>(id).GetAsync() ?? throw new NotFoundException("Conversation", id);
        return await CheckAsync(principal, conversation.WorkspaceId, conversation.BotId, id, permission, () => new NotFoundException("Conversation", id));
    }

    /// <summary>The workspace a request without one means: an API key's own, or a user's only workspace.</summary>
    public async Task<string> DefaultWorkspaceAsync(ClaimsPrincipal principal)
    {
        var caller = Caller.From(principal) ?? throw new UnauthenticatedException();
        if (caller.KeyWorkspaceId is { } keyWorkspace)
        {
            return keyWorkspace;
        }

        var profile = await grains.GetGrain<IUserGrain>(caller.UserId!).GetProfileAsync() ?? throw new UnauthenticatedException();
        return profile.WorkspaceIds.Count switch
        {
            1 => profile.WorkspaceIds[0],
            0 => throw new ValidationFailedException("workspaceId", "You belong to no workspace."),
            _ => throw new ValidationFailedException("workspaceId", "Required: you belong to several workspaces."),
        };
    }

    private async Task<WorkspaceAccess> CheckAsync(
        ClaimsPrincipal principal, string workspaceId, string? botId, string? conversationId, Permission permission, Func<NotFoundException> hidden)
    {
        var caller = Caller.From(principal) ?? throw new UnauthenticatedException();
        if (caller.ApiKeyId is not null)
        {
            if (caller.KeyWorkspaceId != workspaceId || (botId is not null && caller.KeyBotId is not null && caller.KeyBotId != botId))
            {
                throw hidden();
            }

            if (botId is null && caller.KeyBotId is not null)
            {
                throw new ForbiddenException("This API key is limited to one chatbot.");
            }

            return RoleMatrix.Allows(caller.Scopes, permission)
                ? new WorkspaceAccess(caller, workspaceId, null, botId, conversationId)
                : throw new ForbiddenException($"This API key's scopes do not allow {PermissionName(permission)}.");
        }

        var role = await grains.GetGrain<IWorkspaceGrain>(workspaceId).GetRoleAsync(caller.UserId!) ?? throw hidden();
        return RoleMatrix.Allows(role, permission)
            ? new WorkspaceAccess(caller, workspaceId, role, botId, conversationId)
            : throw new ForbiddenException($"The {role.ToString().ToLowerInvariant()} role does not allow {PermissionName(permission)}.");
    }

    private static string WellFormed(string? id, string resource) =>
        Ids.IsWellFormed(id) ? id! : throw new NotFoundException(resource, id is { Length: > 64 } ? id[..64] : id ?? "");

    private static string PermissionName(Permission permission) => permission switch
    {
        Permission.Read => "reading",
        Permission.Chat => "chatting",
        Permission.EditBots => "editing chatbots",
        Permission.LiveChat => "handling live conversations",
        Permission.ManageApiKeys => "managing API keys",
        Permission.ManageMembers => "managing members",
        Permission.ManageWorkspace => "managing the workspace",
        Permission.TransferOwnership => "transferring ownership",
        _ => permission.ToString(),
    };
}
