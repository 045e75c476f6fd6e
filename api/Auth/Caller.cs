using System.Security.Claims;
using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Auth;

/// <summary>Who is calling, read from the principal: a dashboard user (JWT) or an API key.</summary>
public sealed record Caller
{
    public string? UserId { get; init; }
    public string? Email { get; init; }
    public string? ApiKeyId { get; init; }
    /// <summary>The workspace of an API key.</summary>
    public string? KeyWorkspaceId { get; init; }
    public ApiKeyScopes Scopes { get; init; }
    /// <summary>The only chatbot an API key may use, when limited to one.</summary>
    public string? KeyBotId { get; init; }

    public bool IsUser => UserId is not null;

    /// <summary>The id written to logs and "created by" fields.</summary>
    public string Actor => UserId ?? ApiKeyId!;

    /// <summary>The caller, or null for an anonymous principal.</summary>
    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (principal.FindFirstValue(ChatSphereClaims.ApiKeyId) is { } keyId)
        {
            return new Caller
            {
                ApiKeyId = keyId,
                KeyWorkspaceId = principal.FindFirstValue(ChatSphereClaims.WorkspaceId),
                Scopes = ApiKeyScopeNames.Parse(principal.FindAll(ChatSphereClaims.Scope).Select(c => c.Value)) ?? ApiKeyScopes.None,
                KeyBotId = principal.FindFirstValue(ChatSphereClaims.BotId),
            };
        }

        return principal.FindFirstValue(ChatSphereClaims.UserId) is { } userId
            ? new Caller { UserId = userId, Email = principal.FindFirstValue(ChatSphereClaims.Email) }
            : null;
    }
}
