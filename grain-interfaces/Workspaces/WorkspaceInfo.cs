using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.GrainInterfaces.Workspaces;

/// <summary>A workspace as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.WorkspaceInfo")]
public sealed record WorkspaceInfo
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string OwnerId { get; init; }
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public int MemberCount { get; init; }
    /// <summary>Conversations whose last activity is older than this many days are deleted; null keeps them.</summary>
    [Id(5)] public int? ConversationRetentionDays { get; init; }
}

/// <summary>A member and their role.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.WorkspaceMember")]
public sealed record WorkspaceMember
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public WorkspaceRole Role { get; init; }
    [Id(2)] public DateTimeOffset JoinedAt { get; init; }
}

/// <summary>A page of members, owner first then by joining time.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.MemberPage")]
public sealed record MemberPage([property: Id(0)] IReadOnlyList<WorkspaceMember> Items, [property: Id(1)] string? NextCursor);

/// <summary>A pending invitation (its token is never stored, only a hash).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.Invitation")]
public sealed record Invitation
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string WorkspaceId { get; init; }
    [Id(2)] public required string Email { get; init; }
    [Id(3)] public WorkspaceRole Role { get; init; }
    [Id(4)] public required string InvitedBy { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>A new invitation with its single-use token: the only time the token is available.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.IssuedInvitation")]
public sealed record IssuedInvitation([property: Id(0)] Invitation Invitation, [property: Id(1)] string Token);
