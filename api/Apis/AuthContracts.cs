using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Api.Apis;

/// <summary>Body of POST /api/v1/auth/register.</summary>
public sealed record RegisterRequest(string? Email, string? Password, string? Name);

/// <summary>Body of POST /api/v1/auth/login.</summary>
public sealed record LoginRequest(string? Email, string? Password);

/// <summary>Body of POST /api/v1/auth/refresh and /logout.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Body of POST /api/v1/auth/password-reset.</summary>
public sealed record PasswordResetRequest(string? Email);

/// <summary>Body of POST /api/v1/auth/password-reset/confirm.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);

/// <summary>Body of POST /api/v1/auth/verify-email and /api/v1/invitations/accept.</summary>
public sealed record TokenRequest(string? Token);

/// <summary>Body of POST /api/v1/me/password.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Body of PATCH /api/v1/me and PATCH /api/v1/workspaces/{workspaceId}.</summary>
public sealed record RenameRequest(string? Name);

/// <summary>A signed-in session: a short-lived access token (JWT, <see cref="ExpiresIn"/> seconds) and a single-use refresh token
/// (absent for the dashboard, which gets it as an httpOnly cookie: see <see cref="Auth.DashboardSessionCookie"/>).</summary>
public sealed record AuthResponse(
    string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken, DateTimeOffset RefreshTokenExpiresAt, UserResponse User, WorkspaceResponse? Workspace);

/// <summary>A user as the API shows them.</summary>
public sealed record UserResponse(string Id, string Email, string Name, bool EmailVerified, DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserProfile user) => new(user.Id, user.Email, user.Name, user.EmailVerified, user.CreatedAt);
}

/// <summary>GET /api/v1/me: the user and their workspaces with their role in each.</summary>
public sealed record MeResponse(string Id, string Email, string Name, bool EmailVerified, DateTimeOffset CreatedAt, IReadOnlyList<WorkspaceResponse> Workspaces);

/// <summary>A workspace and the caller's role in it (none for an API key); <c>conversationRetentionDays</c> is always present (null: kept).</summary>
public sealed record WorkspaceResponse(
    string Id, string Name, string OwnerId, WorkspaceRole? Role, int MemberCount, DateTimeOffset CreatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] int? ConversationRetentionDays = null)
{
    public static WorkspaceResponse From(WorkspaceInfo workspace, WorkspaceRole? role) =>
        new(workspace.Id, workspace.Name, workspace.OwnerId, role, workspace.MemberCount, workspace.CreatedAt, workspace.ConversationRetentionDays);
}
