using System.Security.Claims;
using ChatSphere.GrainInterfaces.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Api.Auth;

/// <summary>Issues the short-lived JWT access tokens of dashboard users (claims: sub, email, name).</summary>
public sealed class AccessTokens(IOptions<TokenOptions> options, SymmetricSecurityKey signingKey, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public string Issue(UserProfile user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(ChatSphereClaims.UserId, user.Id),
                new Claim(ChatSphereClaims.Email, user.Email),
                new Claim(ChatSphereClaims.Name, user.Name),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKey = signingKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = ChatSphereClaims.Name,
    };
}
