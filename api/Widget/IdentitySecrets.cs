using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace ChatSphere.Api.Widget;

/// <summary>
/// Signed visitor identities. Each bot may have a secret; the customer's server signs its user's id with it
/// (hex HMAC-SHA256 of the id) and the page passes id and signature to the widget's setUser. The secret is
/// kept in the bot's settings protected by Data Protection (the key ring every API node shares), and shown
/// once, when it is made.
/// </summary>
public sealed class IdentitySecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChatSphere.Widget.IdentitySecret.v1");

    /// <summary>A new secret: the plain text to show once, and the protected form to store.</summary>
    public (string Plain, string Protected) Create()
    {
        var plain = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (plain, _protector.Protect(plain));
    }

    /// <summary>Whether <paramref name="signature"/> is the hex HMAC-SHA256 of <paramref name="userId"/> under the stored secret.</summary>
    public bool Verify(string protectedSecret, string userId, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length != 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] secret;
        try
        {
            secret = Encoding.UTF8.GetBytes(_protector.Unprotect(protectedSecret));
        }
        catch (CryptographicException)
        {
            // Protected under a key ring this node does not have: no signature can be checked until a new secret is made.
            return false;
        }

        var expected = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(userId));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The signature a customer's server computes; used by tests and documentation examples.</summary>
    public static string Sign(string secret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));
}
