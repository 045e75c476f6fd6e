using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Api.Auth.Oidc;

/// <summary>Who a provider says signed in: its subject, and the email address with whether the provider verified it.</summary>
public sealed record ExternalIdentity(string Provider, string Subject, string? Email, bool EmailVerified, string? Name);

/// <summary>
/// The authorisation code flow with PKCE against the configured providers: the authorisation URL to send the browser
/// to, then the code exchanged at the token endpoint and the id token validated (signature against the provider's
/// JWKS, issuer, audience, lifetime, nonce). Discovery documents and keys are cached and refreshed by
/// <see cref="ConfigurationManager{T}"/>.
/// </summary>
public sealed class OidcProviders(IOptions<OidcOptions> options, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "oidc";

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _metadata = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<(string Name, string DisplayName)> All() =>
        options.Value.Providers.Select(p => (p.Key, p.Value.DisplayName ?? p.Key));

    /// <summary>A configured provider; 404 for any other name.</summary>
    public OidcProviderOptions Get(string name) =>
        options.Value.Providers.TryGetValue(name, out var provider) && provider.Authority.Length > 0 && provider.ClientId.Length > 0
            ? provider
            : throw new NotFoundException("Sign-in provider", name.Length > 64 ? name[..64] : name);

    /// <summary>A fresh PKCE verifier (43+ characters of base64url) and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public async Task<string> AuthorizeUrlAsync(
        string name, string redirectUri, string state, string nonce, string codeChallenge, CancellationToken cancellationToken)
    {
        var provider = Get(name);
        var metadata = await MetadataAsync(name, provider, cancellationToken);
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = provider.Scopes,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
        };
        var separator = metadata.AuthorizationEndpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return metadata.AuthorizationEndpoint + separator + string.Join("&", query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Exchanges the code and validates the id token. A refusal by the provider or an invalid token is a 400
    /// on <c>code</c>; nothing the provider sent is trusted before the token validates.</summary>
    public async Task<ExternalIdentity> CompleteAsync(
        string name, string code, string redirectUri, OidcFlow flow, CancellationToken cancellationToken)
    {
        var provider = Get(name);
        var metadata = await MetadataAsync(name, provider, cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = provider.ClientId,
            ["code_verifier"] = flow.CodeVerifier,
        };
        if (provider.ClientSecret is { Length: > 0 } secret)
        {
            form["client_secret"] = secret;
        }

        using var response = await httpClients.CreateClient(HttpClientName)
            .PostAsync(metadata.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
        TokenResponse? tokens = null;
        if (response.IsSuccessStatusCode)
        {
            try
            {
                tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        if (tokens?.IdToken is not { Length: > 0 } idToken)
        {
            throw new ValidationFailedException("code", $"The sign-in provider refused the code ({(int)response.StatusCode}).");
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = provider.ClientId,
            IssuerSigningKeys = metadata.SigningKeys,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw new ValidationFailedException("code", "The sign-in provider's id token did not validate.");
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(flow.Nonce)))
        {
            throw new ValidationFailedException("code", "The id token was not issued for this sign-in (nonce).");
        }

        token.TryGetPayloadValue<string>("email", out var email);
        token.TryGetPayloadValue<string>("name", out var displayName);
        return new ExternalIdentity(name, token.Subject, email, EmailVerified(token), displayName);
    }

    private static bool EmailVerified(JsonWebToken token) =>
        (token.TryGetPayloadValue<bool>("email_verified", out var verified) && verified)
        || (token.TryGetPayloadValue<string>("email_verified", out var text) && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase));

    private Task<OpenIdConnectConfiguration> MetadataAsync(string name, OidcProviderOptions provider, CancellationToken cancellationToken) =>
        _metadata.GetOrAdd(name, _ => new ConfigurationManager<OpenIdConnectConfiguration>(
                provider.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = provider.RequireHttpsMetadata }))
            .GetConfigurationAsync(cancellationToken);

    private sealed record TokenResponse([property: JsonPropertyName("id_token")] string? IdToken);
}
