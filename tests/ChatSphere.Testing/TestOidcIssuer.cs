using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Testing;

/// <summary>A person the test issuer signs in at its authorisation endpoint, without asking anything.</summary>
public sealed record OidcTestUser(string Subject, string Email, bool EmailVerified, string Name);

/// <summary>
/// A small OpenID Connect provider on loopback for tests: discovery document, JWKS (RS256), an authorisation endpoint
/// that signs in <see cref="NextUser"/> at once and redirects back with a code, and a token endpoint that checks the
/// client, the redirect URI, single use of the code and PKCE (S256) before it returns an id token.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();

    private TestOidcIssuer(WebApplication app, string clientId, string clientSecret)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-" + Guid.NewGuid().ToString("N")[..8] };
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The issuer URL (also the authority: discovery is at /.well-known/openid-configuration).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Who the next authorisation request signs in.</summary>
    public OidcTestUser NextUser { get; set; } = new("subject-1", "person@example.com", true, "Test Person");

    /// <summary>Form fields of every token request received, for asserting what the client sent.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public static async Task<TestOidcIssuer> StartAsync(string clientId = "chatsphere", string clientSecret = "test-client-secret")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new TestOidcIssuer(app, clientId, clientSecret);
        issuer.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        issuer.Issuer = address.TrimEnd('/');
        return issuer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "openid", "email", "profile" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));

        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });

        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"]))
            {
                return Results.BadRequest(new { error = "invalid_request" });
            }

            var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _codes[code] = new PendingCode(query["redirect_uri"]!, query["nonce"], query["code_challenge"], query["code_challenge_method"], NextUser);
            var separator = query["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? "&" : "?";
            return Results.Redirect($"{query["redirect_uri"]}{separator}code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
        });

        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            TokenRequests.Enqueue(fields);
            var (clientId, secret) = ClientCredentials(request, fields);
            if (clientId != ClientId || secret != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            if (fields.GetValueOrDefault("grant_type") != "authorization_code"
                || !_codes.TryRemove(fields.GetValueOrDefault("code") ?? "", out var pending)
                || pending.RedirectUri != fields.GetValueOrDefault("redirect_uri")
                || !PkceMatches(pending, fields.GetValueOrDefault("code_verifier")))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            return Results.Json(new
            {
                access_token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                token_type = "Bearer",
                expires_in = 300,
                id_token = IdToken(pending),
            });
        });
    }

    private string IdToken(PendingCode pending)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = pending.User.Subject,
            ["email"] = pending.User.Email,
            ["email_verified"] = pending.User.EmailVerified,
            ["name"] = pending.User.Name,
        };
        if (pending.Nonce is { Length: > 0 } nonce)
        {
            claims["nonce"] = nonce;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static bool PkceMatches(PendingCode pending, string? verifier)
    {
        if (pending.Challenge is null)
        {
            return true;
        }

        if (pending.ChallengeMethod != "S256" || string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(pending.Challenge));
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, Dictionary<string, string> fields)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (fields.GetValueOrDefault("client_id"), fields.GetValueOrDefault("client_secret"));
    }

    private sealed record PendingCode(string RedirectUri, string? Nonce, string? Challenge, string? ChallengeMethod, OidcTestUser User);
}
