using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Apis;

/// <summary>Body of POST /api/v1/workspaces/{workspaceId}/transfer.</summary>
public sealed record TransferOwnershipRequest(string? UserId);

/// <summary>Body of PATCH /api/v1/workspaces/{workspaceId}/members/{userId}.</summary>
public sealed record ChangeRoleRequest(WorkspaceRole? Role);

/// <summary>Body of POST /api/v1/workspaces/{workspaceId}/invitations.</summary>
public sealed record InviteRequest(string? Email, WorkspaceRole? Role);

/// <summary>A member with their profile.</summary>
public sealed record MemberResponse(string UserId, string? Email, string? Name, WorkspaceRole Role, DateTimeOffset JoinedAt);
