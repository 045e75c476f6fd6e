using System.Security.Cryptography;
using System.Text;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.Grains.Ai.Credentials;

namespace ChatSphere.Grains.Privacy;

/// <summary>
/// Encrypts what visitors tell about themselves (name, email, lead-form answers) before it is stored, and computes
/// the keyed hashes that find it again for erasure. Both keys are derived from the deployment's secrets key
/// (<c>ChatSphere:Ai:SecretsKey</c>, the key that seals provider keys) with HKDF, one per purpose. A stored value is
/// <c>pd1:</c> and base64 of nonce, tag and AES-256-GCM ciphertext; the conversation and the field are authenticated
/// data, so a value copied to another row or field does not decrypt. Values stored before encryption existed (no
/// prefix) read as they are.
/// </summary>
public sealed class PersonalDataProtector(SecretProtector secrets)
{
    private const string Prefix = "pd1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _encryptionKey = new(() => secrets.DeriveKey("chatsphere/personal-data/encryption/v1"), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lazy<byte[]> _lookupKey = new(() => secrets.DeriveKey("chatsphere/personal-data/lookup/v1"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True for a value this class encrypted (not a plaintext value written before encryption).</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string? Protect(string? plain, string conversationId, string field)
    {
        if (plain is null)
        {
            return null;
        }

        var data = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey.Value, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Context(conversationId, field));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plain value; a legacy plaintext value as it is. Throws <see cref="CryptographicException"/> when the
    /// value was altered, moved to another row or field, or sealed under another key.</summary>
    public string? Unprotect(string? stored, string conversationId, string field)
    {
        if (!IsProtected(stored))
        {
            return stored;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored![Prefix.Length..]);
        }
        catch (FormatException exception)
        {
            throw new CryptographicException("Not a sealed personal data value.", exception);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Not a sealed personal data value.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey.Value, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Context(conversationId, field));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The lookup hash of an email address (HMAC-SHA256 of the normalised address, hex), or null for none.</summary>
    public string? EmailHash(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : Hash("email:" + EmailAddresses.Normalize(email));

    /// <summary>A short reference to an erased subject for the audit log: the same subject gives the same reference, and
    /// the reference does not give the subject back (HMAC under the lookup key, first 16 hex digits).</summary>
    public string Reference(string kind, string value) => Hash(kind + ":" + value)[..16];

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey.Value, Encoding.UTF8.GetBytes(text)));

    private static byte[] Context(string conversationId, string field) => Encoding.UTF8.GetBytes($"chatsphere/visitor/{conversationId}/{field}");
}
