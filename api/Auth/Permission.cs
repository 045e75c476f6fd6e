namespace ChatSphere.Api.Auth;

/// <summary>What an endpoint needs of its caller in the workspace it touches. See <see cref="RoleMatrix"/> and docs/api-and-auth.md ("Role matrix").</summary>
public enum Permission
{
    /// <summary>See the workspace, its chatbots, knowledge, conversations and analytics.</summary>
    Read,
    /// <summary>Talk to the workspace's chatbots through the API or the hub.</summary>
    Chat,
    /// <summary>Create, change and delete chatbots and their knowledge.</summary>
    EditBots,
    /// <summary>Handle live conversations: take over, reply, write notes, hand back, close, reopen, assign; canned responses.</summary>
    LiveChat,
    /// <summary>Create, rotate and revoke API keys.</summary>
    ManageApiKeys,
    /// <summary>Invite, re-role and remove members (the workspace grain adds: only the owner touches admins).</summary>
    ManageMembers,
    /// <summary>Rename the workspace and change its settings.</summary>
    ManageWorkspace,
    /// <summary>Read the workspace's audit log.</summary>
    ViewAuditLog,
    /// <summary>Change the workspace's plan (payment).</summary>
    ManageBilling,
    /// <summary>Hand the workspace to another member.</summary>
    TransferOwnership,
    /// <summary>Erase a visitor's conversations and what they told about themselves (a data subject's request).</summary>
    ErasePersonalData,
    /// <summary>Delete the workspace and everything in it.</summary>
    DeleteWorkspace,
}
