namespace ChatSphere.Api.Apis;

/// <summary>Body of <c>POST /api/v1/conversations/{conversationId}/messages</c>: an agent's message, or with
/// <c>private: true</c> a note the visitor never sees.</summary>
public sealed record AgentMessageRequest(string? Text, string? ClientMessageId, bool? Private);

/// <summary>Body of <c>PUT /api/v1/conversations/{conversationId}/assignee</c>: a member's id, or null to unassign.</summary>
public sealed record AssigneeRequest(string? UserId);

/// <summary>Body of <c>POST /api/v1/workspaces/{workspaceId}/canned-responses/{responseId}/render</c>.</summary>
public sealed record RenderCannedRequest(string? ConversationId);

/// <summary>A canned response's text with its variables filled in for one conversation.</summary>
public sealed record RenderedCannedResponse(string Text);
