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

/// <summary>
/// Body of PATCH /api/v1/workspaces/{workspaceId}: each field given is changed, each left out stays.
/// <c>conversationRetentionDays: null</c> keeps conversations forever (as opposed to leaving the field out).
/// </summary>
public sealed class UpdateWorkspaceRequest
{
    private int? _conversationRetentionDays;

    /// <summary>The new name (1 to 100 characters).</summary>
    public string? Name { get; set; }

    /// <summary>Days conversations are kept after their last activity (1 to 3650); null keeps them.</summary>
    public int? ConversationRetentionDays
    {
        get => _conversationRetentionDays;
        set
        {
            _conversationRetentionDays = value;
            RetentionGiven = true;
        }
    }

    /// <summary>True when the body named <see cref="ConversationRetentionDays"/>, even as null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool RetentionGiven { get; private set; }
}

/// <summary>Body of POST /api/v1/workspaces/{workspaceId}/visitors/erase: a visitor id, an email address, or both.</summary>
public sealed record VisitorErasureRequest(string? VisitorId, string? Email);

/// <summary>What an erasure removed: the number of conversations (with their messages and visitor details).</summary>
public sealed record VisitorErasureResponse(int Conversations);
