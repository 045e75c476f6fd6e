using System.Globalization;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using ChatSphere.Grains.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Workspaces;

/// <summary>A tenant: its members and their roles, invitations, API keys and chatbots.</summary>
public sealed partial class WorkspaceGrain(
    [PersistentState("workspace", "chat")] IPersistentState<WorkspaceState> state,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    ILogger<WorkspaceGrain> logger) : Grain, IWorkspaceGrain
{
    /// <summary>A hard ceiling, above any plan's chatbot quota.</summary>
    public const int MaxChatbots = 1000;
    public const int MaxMembers = 500;
    public const int MaxInvitations = 100;
    public const int MaxApiKeys = 100;
    public const int MaxNameLength = 100;

    private string WorkspaceId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task AddChatbotAsync(string botId)
    {
        if (state.State.ChatbotIds.Contains(botId))
        {
            return;
        }

        if (state.State.ChatbotIds.Count >= MaxChatbots)
        {
            throw new ConflictException($"A workspace holds at most {MaxChatbots} chatbots.");
        }

        state.State.ChatbotIds.Insert(0, botId);
        await state.WriteStateAsync();
    }

    public async Task RemoveChatbotAsync(string botId)
    {
        if (state.State.ChatbotIds.Remove(botId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IdPage> ListChatbotsAsync(string? cursor, int limit)
    {
        var start = ParseCursor(cursor);
        // A page holds at least one id, so following the cursor always ends.
        var ids = state.State.ChatbotIds.Skip(start).Take(Math.Clamp(limit, 1, MaxChatbots)).ToArray();
        var next = start + ids.Length < state.State.ChatbotIds.Count ? (start + ids.Length).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new IdPage(ids, next));
    }

    public async Task<WorkspaceInfo> CreateAsync(string name, string ownerUserId)
    {
        if (state.State.OwnerId is not null)
        {
            throw new ConflictException($"Workspace '{WorkspaceId}' already exists.");
        }

        return await TakeOwnershipAsync(name, ownerUserId);
    }

    public async Task<WorkspaceInfo?> AdoptAsync(string name, string ownerUserId) =>
        state.State.OwnerId is null ? await TakeOwnershipAsync(name, ownerUserId) : null;

    public Task<WorkspaceInfo?> GetAsync() => Task.FromResult(state.State.OwnerId is null ? null : Info());

    public async Task<WorkspaceInfo> RenameAsync(string name)
    {
        EnsureExists();
        state.State.Name = ValidateName(name);
        await state.WriteStateAsync();
        return Info();
    }

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

    public async Task<IssuedApiKey> CreateApiKeyAsync(ApiKeySpec spec)
    {
        EnsureExists();
        ValidateApiKey(spec);
        if (state.State.ApiKeyIds.Count >= MaxApiKeys)
        {
            throw new ConflictException($"A workspace has at most {MaxApiKeys} API keys; revoke unused ones first.");
        }

        var keyId = ApiKeyTokens.NewKeyId();
        var issued = await GrainFactory.GetGrain<IApiKeyGrain>(keyId).CreateAsync(WorkspaceId, spec with { Name = spec.Name.Trim() });
        state.State.ApiKeyIds.Add(keyId);
        await state.WriteStateAsync();
        LogApiKeyCreated(WorkspaceId, keyId, spec.Scopes, spec.BotId);
        return issued;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync()
    {
        var keys = await Task.WhenAll(state.State.ApiKeyIds.Select(id => GrainFactory.GetGrain<IApiKeyGrain>(id).GetAsync()));
        return keys.OfType<ApiKeyInfo>().Where(k => k.RevokedAt is null).OrderByDescending(k => k.CreatedAt).ToArray();
    }

    public async Task<IssuedApiKey> RotateApiKeyAsync(string keyId, TimeSpan overlap) => state.State.ApiKeyIds.Contains(keyId)
        ? await GrainFactory.GetGrain<IApiKeyGrain>(keyId).RotateAsync(overlap)
        : throw new NotFoundException("API key", keyId);

    public async Task<bool> RevokeApiKeyAsync(string keyId)
    {
        if (!state.State.ApiKeyIds.Contains(keyId))
        {
            return false;
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync();
        state.State.ApiKeyIds.Remove(keyId);
        await state.WriteStateAsync();
        return true;
    }

    private async Task<WorkspaceInfo> TakeOwnershipAsync(string name, string ownerUserId)
    {
        var validName = ValidateName(name);
        var newSeat = Member(ownerUserId) is null;
        if (newSeat)
        {
            await Billing.AcquireAsync(OneSeat, null);
        }

        try
        {
            state.State.Name = validName;
            state.State.OwnerId = ownerUserId;
            state.State.CreatedAt = Now;
            state.State.Members.RemoveAll(m => m.UserId == ownerUserId);
            state.State.Members.Insert(0, new MemberEntry { UserId = ownerUserId, Role = WorkspaceRole.Owner, JoinedAt = Now });
            await state.WriteStateAsync();
            await ScheduleRetentionAsync();
        }
        catch when (newSeat)
        {
            await Billing.ReleaseAsync(OneSeat, null);
            throw;
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

    private IWorkspaceBillingGrain Billing => GrainFactory.GetGrain<IWorkspaceBillingGrain>(WorkspaceId);

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

    private void ValidateApiKey(ApiKeySpec spec)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Is required, at most {MaxNameLength} characters."];
        }

        const ApiKeyScopes all = ApiKeyScopes.Chat | ApiKeyScopes.Read | ApiKeyScopes.Write | ApiKeyScopes.Admin;
        if (spec.Scopes == ApiKeyScopes.None || (spec.Scopes & ~all) != 0)
        {
            errors["scopes"] = ["Must name one or more of chat, read, write, admin."];
        }

        if (spec.BotId is not null && !state.State.ChatbotIds.Contains(spec.BotId))
        {
            errors["botId"] = ["Must be a chatbot of this workspace."];
        }

        if (spec.ExpiresAt is { } expires && expires <= Now)
        {
            errors["expiresAt"] = ["Must be in the future."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private MemberEntry? Member(string userId) => state.State.Members.Find(m => m.UserId == userId);

    private WorkspaceInfo Info() => new()
    {
        Id = WorkspaceId,
        Name = state.State.Name ?? "",
        OwnerId = state.State.OwnerId!,
        CreatedAt = state.State.CreatedAt,
        MemberCount = state.State.Members.Count,
        ConversationRetentionDays = RetentionDays,
    };

    private void EnsureExists()
    {
        if (state.State.OwnerId is null)
        {
            throw new NotFoundException("Workspace", WorkspaceId);
        }
    }

    private static string ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is 0 or > MaxNameLength
            ? throw new ValidationFailedException("name", $"Is required, at most {MaxNameLength} characters.")
            : trimmed;
    }

    private static int ParseCursor(string? cursor)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(cursor) && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            throw new ValidationFailedException("cursor", "The cursor is not one this API returned.");
        }

        return start;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: {UserId} is now {Role} (by {ActorId})")]
    private partial void LogRoleChanged(string workspaceId, string userId, WorkspaceRole role, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: {UserId} removed (by {ActorId})")]
    private partial void LogMemberRemoved(string workspaceId, string userId, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: ownership moved from {FromUserId} to {ToUserId}")]
    private partial void LogOwnershipTransferred(string workspaceId, string fromUserId, string toUserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: {UserId} joined as {Role}")]
    private partial void LogJoined(string workspaceId, string userId, WorkspaceRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: API key {KeyId} created with scopes {Scopes}, chatbot {BotId}")]
    private partial void LogApiKeyCreated(string workspaceId, string keyId, ApiKeyScopes scopes, string? botId);
}
