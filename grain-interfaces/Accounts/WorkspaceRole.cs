namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>
/// A member's role in a workspace. Ranked viewer &lt; agent &lt; editor &lt; admin &lt; owner, each may do everything a
/// lower one may; compare with <see cref="WorkspaceRoles.Rank"/>. <see cref="Agent"/> came later: its value is -1 so the
/// stored values of the others never change, and a plain numeric comparison errs towards less (never more) access.
/// </summary>
public enum WorkspaceRole
{
    /// <summary>Handles live conversations (reads them, replies, takes over, hands back, closes); cannot change bots.</summary>
    Agent = -1,
    Viewer = 0,
    Editor = 1,
    Admin = 2,
    Owner = 3,
}

/// <summary>The order of the roles.</summary>
public static class WorkspaceRoles
{
    /// <summary>0 for viewer, 1 agent, 2 editor, 3 admin, 4 owner.</summary>
    public static int Rank(this WorkspaceRole role) => role switch
    {
        WorkspaceRole.Viewer => 0,
        WorkspaceRole.Agent => 1,
        WorkspaceRole.Editor => 2,
        WorkspaceRole.Admin => 3,
        WorkspaceRole.Owner => 4,
        _ => -1,
    };
}
