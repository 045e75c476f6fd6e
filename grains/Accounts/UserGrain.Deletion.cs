using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Accounts;

/// <summary>Deleting the account.</summary>
public sealed partial class UserGrain
{
    public async Task<AccountDeletion> DeleteAccountAsync()
    {
        EnsureExists();
        var owned = new List<WorkspaceInfo>();
        var member = new List<string>();
        var blocked = new List<WorkspaceInfo>();
        foreach (var workspaceId in state.State.WorkspaceIds.ToArray())
        {
            var info = await GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).GetAsync();
            if (info is null)
            {
                continue;
            }

            if (info.OwnerId != UserId)
            {
                member.Add(workspaceId);
            }
            else if (info.MemberCount > 1)
            {
                blocked.Add(info);
            }
            else
            {
                owned.Add(info);
            }
        }

        if (blocked.Count > 0)
        {
            throw new ConflictException("Transfer ownership of these workspaces, or delete them, first (they have other members): "
                + string.Join(", ", blocked.Select(w => $"'{w.Name}' ({w.Id})")) + ".");
        }

        // Workspaces report back (RemoveWorkspace) while this call is under way.
        using var reentrancy = RequestContext.AllowCallChainReentrancy();
        foreach (var workspace in owned)
        {
            await GrainFactory.GetGrain<IWorkspaceGrain>(workspace.Id).DeleteAsync(UserId, workspace.Name);
        }

        foreach (var workspaceId in member)
        {
            await GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).LeaveAsync(UserId);
        }

        await GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddresses.Normalize(state.State.Email!)).ReleaseAsync(UserId);
        foreach (var login in state.State.ExternalLogins)
        {
            await GrainFactory.GetGrain<IExternalLoginIndexGrain>(login.IndexKey).ReleaseAsync(UserId);
        }

        // Password hash, sessions (refresh token families), reset and verification tokens, provider links: all in this state.
        await state.ClearStateAsync();
        state.State = new UserState();
        LogAccountDeleted(UserId, owned.Count, member.Count);
        DeactivateOnIdle();
        return new AccountDeletion { DeletedWorkspaceIds = owned.Select(w => w.Id).ToArray(), LeftWorkspaceIds = member };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted their account: {Deleted} workspaces deleted, {Left} left")]
    private partial void LogAccountDeleted(string userId, int deleted, int left);
}
