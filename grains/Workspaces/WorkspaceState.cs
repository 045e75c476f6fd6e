using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Grains.Workspaces;

/// <summary>
/// What the workspace grain persists. Every list is capped: <see cref="WorkspaceGrain.MaxChatbots"/>,
/// <see cref="WorkspaceGrain.MaxMembers"/>, <see cref="WorkspaceGrain.MaxInvitations"/>, <see cref="WorkspaceGrain.MaxApiKeys"/>.
/// </summary>
[GenerateSerializer, Alias("ChatSphere.WorkspaceState")]
public sealed class WorkspaceState
{
    /// <summary>Chatbot ids, newest first.</summary>
    [Id(0)] public List<string> ChatbotIds { get; set; } = [];
    [Id(1)] public string? Name { get; set; }
    /// <summary>Null until the workspace is created (or adopted).</summary>
    [Id(2)] public string? OwnerId { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>In joining order; the owner is among them.</summary>
    [Id(4)] public List<MemberEntry> Members { get; set; } = [];
    [Id(5)] public List<InvitationEntry> Invitations { get; set; } = [];
    /// <summary>Ids of the live API keys (each key's grain holds the rest).</summary>
    [Id(6)] public List<string> ApiKeyIds { get; set; } = [];
    /// <summary>True once the workspace chose its retention (then <see cref="RetentionDays"/>, null meaning keep);
    /// until then the deployment's default applies.</summary>
    [Id(7)] public bool RetentionSet { get; set; }
    [Id(8)] public int? RetentionDays { get; set; }
    /// <summary>The retention the reminder was last scheduled for (null: none scheduled).</summary>
    [Id(9)] public int? ScheduledRetentionDays { get; set; }
}

/// <summary>A member of the workspace as stored: who, with which role, since when.</summary>
[GenerateSerializer, Alias("ChatSphere.MemberEntry")]
public sealed class MemberEntry
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public WorkspaceRole Role { get; set; }
    [Id(2)] public DateTimeOffset JoinedAt { get; init; }

    public WorkspaceMember ToMember() => new() { UserId = UserId, Role = Role, JoinedAt = JoinedAt };
}

/// <summary>A pending invitation and the SHA-256 of its token's secret.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.InvitationEntry")]
public sealed record InvitationEntry([property: Id(0)] Invitation Invitation, [property: Id(1)] byte[] SecretHash);
