using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Auth;

/// <summary>
/// Who may do what: the least role each permission needs (owner &gt; admin &gt; editor &gt; agent &gt; viewer), and the API key
/// scopes that grant it. Member management, ownership, billing and deleting the workspace need a person: no key scope
/// grants them.
/// docs/api-and-auth.md ("Role matrix") shows this table.
/// </summary>
public static class RoleMatrix
{
    public static WorkspaceRole LeastRole(Permission permission) => permission switch
    {
        Permission.Read or Permission.Chat => WorkspaceRole.Viewer,
        Permission.LiveChat => WorkspaceRole.Agent,
        Permission.EditBots => WorkspaceRole.Editor,
        Permission.ManageApiKeys or Permission.ManageMembers or Permission.ManageWorkspace or Permission.ViewAuditLog
            or Permission.ErasePersonalData => WorkspaceRole.Admin,
        Permission.TransferOwnership or Permission.ManageBilling or Permission.DeleteWorkspace => WorkspaceRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(permission)),
    };

    public static bool Allows(WorkspaceRole role, Permission permission) => role.Rank() >= LeastRole(permission).Rank();

    public static bool Allows(ApiKeyScopes scopes, Permission permission) => permission switch
    {
        Permission.Chat => (scopes & (ApiKeyScopes.Chat | ApiKeyScopes.Admin)) != 0,
        Permission.Read => (scopes & (ApiKeyScopes.Read | ApiKeyScopes.Write | ApiKeyScopes.Admin)) != 0,
        Permission.EditBots or Permission.LiveChat => (scopes & (ApiKeyScopes.Write | ApiKeyScopes.Admin)) != 0,
        Permission.ManageApiKeys or Permission.ManageWorkspace or Permission.ViewAuditLog or Permission.ErasePersonalData => scopes.HasFlag(ApiKeyScopes.Admin),
        Permission.ManageMembers or Permission.TransferOwnership or Permission.ManageBilling or Permission.DeleteWorkspace => false,
        _ => throw new ArgumentOutOfRangeException(nameof(permission)),
    };
}
