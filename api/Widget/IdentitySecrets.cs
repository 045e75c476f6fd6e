using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace ChatSphere.Api.Widget;

/// <summary>
/// Signed visitor identities. Each bot may have a secret; the customer's server signs its user with it and the page
/// passes the fields and the signature to the widget's identify. Two signatures are accepted (hex HMAC-SHA256 under the
/// secret, of the UTF-8 bytes of):
/// <list type="bullet">
/// <item><c>userId</c>: only the id is verified; a name and email given with it are stored as unverified;</item>
/// <item><c>userId + "\n" + name + "\n" + email</c> (an absent field is the empty string): all three are verified.</item>
/// </list>
/// The secret is kept in the bot's settings protected by Data Protection (the key ring every API node shares), and shown
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
    public bool Verify(string protectedSecret, string userId, string? signature) => Check(protectedSecret, userId, signature);

    /// <summary>Whether <paramref name="signature"/> signs the id, name and email together (<see cref="DetailsText"/>).</summary>
    public bool VerifyDetails(string protectedSecret, string userId, string? name, string? email, string? signature) =>
        Check(protectedSecret, DetailsText(userId, name, email), signature);

    /// <summary>The text signed to verify name and email with the id: <c>userId\nname\nemail</c>, absent fields empty.</summary>
    public static string DetailsText(string userId, string? name, string? email) => $"{userId}\n{name ?? ""}\n{email ?? ""}";

    private bool Check(string protectedSecret, string text, string? signature)
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

        var expected = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The signature a customer's server computes; used by tests and documentation examples.</summary>
    public static string Sign(string secret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    /// <summary>The signature over id, name and email a customer's server computes to have all three verified.</summary>
    public static string SignDetails(string secret, string userId, string? name, string? email) => Sign(secret, DetailsText(userId, name, email));
}
