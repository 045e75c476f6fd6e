namespace ChatSphere.Api.Tests.Accounts;

public sealed record AuthDto(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, UserDto User, WorkspaceDto? Workspace);

public sealed record UserDto(string Id, string Email, string Name, bool EmailVerified);

public sealed record MeDto(string Id, string Email, string Name, bool EmailVerified, List<WorkspaceDto> Workspaces);

public sealed record WorkspaceDto(string Id, string Name, string OwnerId, string? Role, int MemberCount);

public sealed record MemberDto(string UserId, string? Email, string? Name, string Role);

public sealed record InvitationDto(string Id, string WorkspaceId, string Email, string Role);

public sealed record ApiKeyDto(string Id, string Name, string Prefix, List<string> Scopes, string? BotId, DateTimeOffset? LastUsedAt, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record IssuedApiKeyDto(ApiKeyDto Key, string Secret);
