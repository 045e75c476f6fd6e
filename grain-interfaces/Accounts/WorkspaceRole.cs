namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>A member's role in a workspace; a higher value may do everything a lower one may.</summary>
public enum WorkspaceRole
{
    Viewer = 0,
    Editor = 1,
    Admin = 2,
    Owner = 3,
}
