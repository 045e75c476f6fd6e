using System.Globalization;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Workspaces;

/// <summary>Members and their roles: who may manage whom, leaving, removal and the ownership transfer; each member holds a seat.</summary>
public sealed partial class WorkspaceGrain
{
    public Task<WorkspaceRole?> GetRoleAsync(string userId) =>
        Task.FromResult(state.State.Members.Find(m => m.UserId == userId)?.Role);

    public Task<MemberPage> ListMembersAsync(string? cursor, int limit)
    {
        var start = ParseCursor(cursor);
        var members = state.State.Members.OrderByDescending(m => m.Role == WorkspaceRole.Owner).ThenBy(m => m.JoinedAt).ToList();
        var items = members.Skip(start).Take(Math.Clamp(limit, 1, MaxMembers)).Select(m => m.ToMember()).ToArray();
        var next = start + items.Length < members.Count ? (start + items.Length).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new MemberPage(items, next));
    }

    public async Task<WorkspaceMember> ChangeRoleAsync(string actorUserId, string userId, WorkspaceRole role)
    {
        var actor = Member(actorUserId) ?? throw new ForbiddenException("Only members manage members.");
        var target = Member(userId) ?? throw new NotFoundException("Member", userId);
        if (role == WorkspaceRole.Owner)
        {
            throw new ValidationFailedException("role", "Ownership moves only by a transfer.");
        }

        if (target.Role == WorkspaceRole.Owner)
        {
            throw new ForbiddenException("The owner's role changes only by a transfer.");
        }

        EnsureMayManage(actor, target.Role, role);
        target.Role = role;
        await state.WriteStateAsync();
        LogRoleChanged(WorkspaceId, userId, role, actorUserId);
        return target.ToMember();
    }

    public async Task<bool> RemoveMemberAsync(string actorUserId, string userId)
    {
        var actor = Member(actorUserId) ?? throw new ForbiddenException("Only members manage members.");
        if (Member(userId) is not { } target)
        {
            return false;
        }

        if (target.Role == WorkspaceRole.Owner)
        {
            throw new ForbiddenException("The owner cannot be removed; transfer ownership first.");
        }

        EnsureMayManage(actor, target.Role, target.Role);
        await DropMemberAsync(target);
        LogMemberRemoved(WorkspaceId, userId, actorUserId);
        return true;
    }

    public async Task LeaveAsync(string userId)
    {
        var member = Member(userId) ?? throw new NotFoundException("Workspace", WorkspaceId);
        if (member.Role == WorkspaceRole.Owner)
        {
            throw new ConflictException("The owner cannot leave; transfer ownership first.");
        }

        await DropMemberAsync(member);
    }

    public async Task<WorkspaceInfo> TransferOwnershipAsync(string actorUserId, string newOwnerUserId)
    {
        if (state.State.OwnerId != actorUserId)
        {
            throw new ForbiddenException("Only the owner transfers ownership.");
        }

        var next = Member(newOwnerUserId) ?? throw new ValidationFailedException("userId", "Must be a member of the workspace.");
        if (next.UserId != actorUserId)
        {
            Member(actorUserId)!.Role = WorkspaceRole.Admin;
            next.Role = WorkspaceRole.Owner;
            state.State.OwnerId = next.UserId;
            await state.WriteStateAsync();
            LogOwnershipTransferred(WorkspaceId, actorUserId, next.UserId);
        }

        return Info();
    }

    private async Task DropMemberAsync(MemberEntry member)
    {
        state.State.Members.Remove(member);
        await state.WriteStateAsync();
        await Billing.ReleaseAsync(OneSeat, null);
        await GrainFactory.GetGrain<IUserGrain>(member.UserId).RemoveWorkspaceAsync(WorkspaceId);
    }

    /// <summary>Team seats are a plan quota: each member holds one, from joining until leaving.</summary>
    private static readonly IReadOnlyList<QuotaCharge> OneSeat = [new QuotaCharge(QuotaKind.Seats, 1)];

    /// <summary>Admins manage editors and viewers; only the owner grants, takes or touches the admin role.</summary>
    private static void EnsureMayManage(MemberEntry actor, WorkspaceRole from, WorkspaceRole to)
    {
        if (actor.Role < WorkspaceRole.Admin)
        {
            throw new ForbiddenException("Only admins and the owner manage members.");
        }

        if (actor.Role != WorkspaceRole.Owner && (from >= WorkspaceRole.Admin || to >= WorkspaceRole.Admin))
        {
            throw new ForbiddenException("Only the owner grants, takes or manages the admin role.");
        }
    }

    private MemberEntry? Member(string userId) => state.State.Members.Find(m => m.UserId == userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: {UserId} is now {Role} (by {ActorId})")]
    private partial void LogRoleChanged(string workspaceId, string userId, WorkspaceRole role, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: {UserId} removed (by {ActorId})")]
    private partial void LogMemberRemoved(string workspaceId, string userId, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: ownership moved from {FromUserId} to {ToUserId}")]
    private partial void LogOwnershipTransferred(string workspaceId, string fromUserId, string toUserId);
}
