using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// Authenticates the operator secret (<see cref="OperatorOptions.Token"/>) from <c>Authorization: Bearer &lt;secret&gt;</c> or
/// <c>Authorization: Basic</c> with the secret as the password (any user name). Compared in constant time; a challenge
/// asks for Basic credentials, so a browser opening the dashboard prompts for them.
/// </summary>
public sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<OperatorOptions> operators)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = operators.Value.Token;
        if (string.IsNullOrEmpty(expected) || Presented(Request.Headers.Authorization.ToString()) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Matches(presented, expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("Not the operator credential."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, OperatorAccess.Role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"ChatSphere operators\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static string? Presented(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? pair[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(string presented, string expected) => CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
