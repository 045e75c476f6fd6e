using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace ChatSphere.Api.Auth.Oidc;

/// <summary>What the callback needs from the start of a sign-in: carried in the <c>state</c> parameter itself, encrypted
/// and time-limited with the deployment's key ring, so any API node can finish a flow another one began. <c>Client</c>
/// "dashboard" makes the callback set the dashboard's refresh cookie instead of putting tokens in the URL.</summary>
public sealed record OidcFlow(string Provider, string CodeVerifier, string Nonce, string? ReturnUrl, string? Client = null);

/// <summary>Seals and opens the <c>state</c> parameter of a sign-in (<see cref="OidcFlow"/>), valid for <see
/// cref="Lifetime"/>.</summary>
public sealed class OidcState(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("ChatSphere.Oidc.State.v1").ToTimeLimitedDataProtector();

    public string Protect(OidcFlow flow) => _protector.Protect(JsonSerializer.Serialize(flow), Lifetime);

    /// <summary>The flow, or null when the state was forged, altered or is older than <see cref="Lifetime"/>.</summary>
    public OidcFlow? Unprotect(string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 4096)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OidcFlow>(_protector.Unprotect(state));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
