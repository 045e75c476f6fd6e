using System.Globalization;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using ChatSphere.Grains.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Workspaces;

/// <summary>A tenant: its members and their roles, invitations, API keys and chatbots (one partial file per area).</summary>
public sealed partial class WorkspaceGrain(
    [PersistentState("workspace", GrainStorage.Name)] IPersistentState<WorkspaceState> state,
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

    private IWorkspaceBillingGrain Billing => GrainFactory.GetGrain<IWorkspaceBillingGrain>(WorkspaceId);

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
}
