using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatSphere.GrainInterfaces.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Auth;

/// <summary>
/// Authenticates <c>csk_...</c> API keys by asking the key's grain on every request (no cache: a revocation or an
/// ended rotation overlap takes effect on the very next request, on every node). The principal carries the key id,
/// its workspace, one claim per scope and the chatbot it is limited to.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyTokens.Parse(BearerTokens.Find(Request)) is not { } key)
        {
            return BearerTokens.IsApiKey(Request) ? AuthenticateResult.Fail("Malformed API key.") : AuthenticateResult.NoResult();
        }

        var grant = await grains.GetGrain<IApiKeyGrain>(key.KeyId).AuthenticateAsync(key.Secret);
        return grant is null
            ? AuthenticateResult.Fail("The API key is not valid, expired or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(Principal(grant), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthProblems.UnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbiddenAsync(Context);

    public static ClaimsPrincipal Principal(ApiKeyGrant grant)
    {
        var claims = new List<Claim>
        {
            new(ChatSphereClaims.ApiKeyId, grant.KeyId),
            new(ChatSphereClaims.WorkspaceId, grant.WorkspaceId),
        };
        claims.AddRange(ApiKeyScopeNames.Of(grant.Scopes).Select(s => new Claim(ChatSphereClaims.Scope, s)));
        if (grant.BotId is not null)
        {
            claims.Add(new Claim(ChatSphereClaims.BotId, grant.BotId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ChatSphereClaims.ApiKeyId, null));
    }
}
