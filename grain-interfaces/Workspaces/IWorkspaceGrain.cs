using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.GrainInterfaces.Workspaces;

/// <summary>
/// A tenant: its name, members and their roles, pending invitations, the ids of its API keys and its chatbots.
/// Every list is capped (see the grain's limits). Membership rules (who may change whose role) are enforced here;
/// the API checks the caller's permission before calling.
/// </summary>
[Alias("ChatSphere.IWorkspaceGrain")]
public interface IWorkspaceGrain : IGrainWithStringKey
{
    [Alias("AddChatbot")]
    Task AddChatbotAsync(string botId);

    [Alias("RemoveChatbot")]
    Task RemoveChatbotAsync(string botId);

    /// <summary>Chatbot ids, newest first, paged by an opaque cursor.</summary>
    [Alias("ListChatbots")]
    Task<IdPage> ListChatbotsAsync(string? cursor, int limit);

    /// <summary>Creates the workspace with its owner. Throws <see cref="Errors.ConflictException"/> if it has one.</summary>
    [Alias("Create")]
    Task<WorkspaceInfo> CreateAsync(string name, string ownerUserId);

    /// <summary>Makes the user the owner of a workspace that has none (the embedded demo); null if it has one.</summary>
    [Alias("Adopt")]
    Task<WorkspaceInfo?> AdoptAsync(string name, string ownerUserId);

    /// <summary>The workspace, or null if it has no owner (was never created).</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<WorkspaceInfo?> GetAsync();

    [Alias("Rename")]
    Task<WorkspaceInfo> RenameAsync(string name);

    /// <summary>Sets how many days conversations are kept after their last activity (1 to
    /// <c>WorkspaceGrain.MaxRetentionDays</c>); null keeps them. Replaces the deployment's default.</summary>
    [Alias("SetRetention")]
    Task<WorkspaceInfo> SetRetentionAsync(int? days);

    /// <summary>
    /// Deletes the workspace and everything in it (chatbots with their knowledge and vectors, conversations, API keys,
    /// invitations, provider keys, billing state); members keep their accounts. Only the owner; <paramref name="confirmName"/>
    /// must be the workspace's name.
    /// </summary>
    [Alias("Delete")]
    Task DeleteAsync(string actorUserId, string confirmName);

    /// <summary>The user's role, or null if they are no member.</summary>
    [Alias("GetRole"), AlwaysInterleave]
    Task<WorkspaceRole?> GetRoleAsync(string userId);

    [Alias("ListMembers"), AlwaysInterleave]
    Task<MemberPage> ListMembersAsync(string? cursor, int limit);

    /// <summary>Changes a member's role to editor, viewer or admin. Only the owner grants or takes admin.</summary>
    [Alias("ChangeRole")]
    Task<WorkspaceMember> ChangeRoleAsync(string actorUserId, string userId, WorkspaceRole role);

    /// <summary>Removes a member (never the owner; admins only by the owner). False if no member.</summary>
    [Alias("RemoveMember")]
    Task<bool> RemoveMemberAsync(string actorUserId, string userId);

    /// <summary>The user leaves; the owner must transfer ownership first.</summary>
    [Alias("Leave")]
    Task LeaveAsync(string userId);

    /// <summary>Makes another member the owner; the previous owner becomes an admin.</summary>
    [Alias("TransferOwnership")]
    Task<WorkspaceInfo> TransferOwnershipAsync(string actorUserId, string newOwnerUserId);

    /// <summary>Invites an email address with a role (not owner; admin only by the owner). The token is shown once.</summary>
    [Alias("Invite")]
    Task<IssuedInvitation> InviteAsync(string actorUserId, string email, WorkspaceRole role);

    [Alias("ListInvitations"), AlwaysInterleave]
    Task<IReadOnlyList<Invitation>> ListInvitationsAsync();

    [Alias("RevokeInvitation")]
    Task<bool> RevokeInvitationAsync(string invitationId);

    /// <summary>Spends an invitation: the user (whose email must be the invited one) joins with the invited role.</summary>
    [Alias("AcceptInvitation")]
    Task<WorkspaceMember> AcceptInvitationAsync(string invitationId, string secret, string userId, string email);

    /// <summary>Creates an API key of this workspace; the secret is shown once.</summary>
    [Alias("CreateApiKey")]
    Task<IssuedApiKey> CreateApiKeyAsync(ApiKeySpec spec);

    [Alias("ListApiKeys")]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync();

    [Alias("RotateApiKey")]
    Task<IssuedApiKey> RotateApiKeyAsync(string keyId, TimeSpan overlap);

    /// <summary>Revokes a key at once and drops it from the list. False if the workspace has no such key.</summary>
    [Alias("RevokeApiKey")]
    Task<bool> RevokeApiKeyAsync(string keyId);
}

/// <summary>A page of ids and the cursor of the next page, if any.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.IdPage")]
public sealed record IdPage([property: Id(0)] IReadOnlyList<string> Ids, [property: Id(1)] string? NextCursor);
