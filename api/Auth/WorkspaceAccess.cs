using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Auth;

/// <summary>The outcome of an authorisation: the workspace (and chatbot, conversation) the request may touch, and as whom.</summary>
public sealed record WorkspaceAccess(Caller Caller, string WorkspaceId, WorkspaceRole? Role, string? BotId = null, string? ConversationId = null)
{
    internal const string ItemKey = "chatsphere.workspace-access";
}
