using System.Security.Cryptography;

namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>
/// The shape of the single-use tokens the account grains issue: the ids that route the token to its grain, then a
/// 256-bit random secret, joined by '.' (ids never contain one). Only the secret's SHA-256 is stored.
/// </summary>
public static class AccountTokens
{
    public const int MaxLength = 512;

    /// <summary>A new random secret: 32 bytes, base64url (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the secret's UTF-8 bytes. Secrets are high-entropy, so a fast hash is enough.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time comparison of a presented secret with a stored hash.</summary>
    public static bool Matches(string secret, byte[]? storedHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    public static string Join(params string[] parts) => string.Join('.', parts);

    /// <summary>Splits a token into exactly <paramref name="count"/> parts whose ids are well formed, or returns null.</summary>
    public static string[]? Split(string? token, int count)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != count || parts[^1].Length is < 16 or > 128)
        {
            return null;
        }

        return parts[..^1].All(Ids.IsWellFormed) ? parts : null;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
