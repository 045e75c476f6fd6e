using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Workspaces;

/// <summary>Invitations: issued by admins with a one-time secret, accepted by the invited address.</summary>
public sealed partial class WorkspaceGrain
{
    public async Task<IssuedInvitation> InviteAsync(string actorUserId, string email, WorkspaceRole role)
    {
        EnsureExists();
        var actor = Member(actorUserId) ?? throw new ForbiddenException("Only members invite.");
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddresses.IsValid(email))
        {
            errors["email"] = ["Must be a valid email address of at most 254 characters."];
        }

        if (role == WorkspaceRole.Owner)
        {
            errors["role"] = ["Must be admin, editor or viewer; ownership moves only by a transfer."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        EnsureMayManage(actor, role, role);
        var now = Now;
        var normalized = EmailAddresses.Normalize(email);
        state.State.Invitations.RemoveAll(i => i.Invitation.ExpiresAt <= now || EmailAddresses.Normalize(i.Invitation.Email) == normalized);
        if (state.State.Invitations.Count >= MaxInvitations)
        {
            throw new ConflictException($"A workspace has at most {MaxInvitations} pending invitations.");
        }

        // Refuse early what could not be accepted: every pending invitation may still take a seat.
        await Billing.EnsureWithinAsync(QuotaKind.Seats, state.State.Invitations.Count + 1);

        var secret = AccountTokens.NewSecret();
        var invitation = new Invitation
        {
            Id = Ids.New("inv"),
            WorkspaceId = WorkspaceId,
            Email = email.Trim(),
            Role = role,
            InvitedBy = actorUserId,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        };
        state.State.Invitations.Add(new InvitationEntry(invitation, AccountTokens.Hash(secret)));
        await state.WriteStateAsync();
        return new IssuedInvitation(invitation, AccountTokens.Join(WorkspaceId, invitation.Id, secret));
    }

    public Task<IReadOnlyList<Invitation>> ListInvitationsAsync()
    {
        var now = Now;
        IReadOnlyList<Invitation> pending = state.State.Invitations.Where(i => i.Invitation.ExpiresAt > now).Select(i => i.Invitation).ToArray();
        return Task.FromResult(pending);
    }

    public async Task<bool> RevokeInvitationAsync(string invitationId)
    {
        if (state.State.Invitations.RemoveAll(i => i.Invitation.Id == invitationId) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public async Task<WorkspaceMember> AcceptInvitationAsync(string invitationId, string secret, string userId, string email)
    {
        var entry = state.State.Invitations.Find(i => i.Invitation.Id == invitationId);
        if (entry is null || state.State.OwnerId is null || entry.Invitation.ExpiresAt <= Now || !AccountTokens.Matches(secret, entry.SecretHash))
        {
            throw new ValidationFailedException("token", "The invitation is not valid, was used already or has expired.");
        }

        if (EmailAddresses.Normalize(entry.Invitation.Email) != EmailAddresses.Normalize(email))
        {
            throw new ForbiddenException("The invitation was sent to another email address.");
        }

        var member = Member(userId);
        if (member is null)
        {
            if (state.State.Members.Count >= MaxMembers)
            {
                throw new ConflictException($"A workspace has at most {MaxMembers} members.");
            }

            await Billing.AcquireAsync(OneSeat, null);
            try
            {
                await GrainFactory.GetGrain<IUserGrain>(userId).AddWorkspaceAsync(WorkspaceId);
                member = new MemberEntry { UserId = userId, Role = entry.Invitation.Role, JoinedAt = Now };
                state.State.Members.Add(member);
                state.State.Invitations.Remove(entry);
                await state.WriteStateAsync();
            }
            catch
            {
                await Billing.ReleaseAsync(OneSeat, null);
                throw;
            }
        }
        else
        {
            state.State.Invitations.Remove(entry);
            await state.WriteStateAsync();
        }

        LogJoined(WorkspaceId, userId, member.Role);
        return member.ToMember();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: {UserId} joined as {Role}")]
    private partial void LogJoined(string workspaceId, string userId, WorkspaceRole role);
}
