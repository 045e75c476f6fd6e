using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ai.Credentials;

/// <summary>
/// Encrypts provider keys with AES-256-GCM. Each ciphertext is version byte, 12-byte nonce, 16-byte tag, then the
/// encrypted key; the workspace and provider are authenticated data, so a ciphertext copied to another workspace
/// or provider does not decrypt. The key comes from <c>ChatSphere:Ai:SecretsKey</c> (base64), else from
/// <c>&lt;DataPath&gt;/keys/ai-secrets.key</c>, created on first use with owner-only permissions.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key;

    public SecretProtector(IOptions<AiOptions> options, IOptions<AiDataPath> dataPath)
    {
        var configured = options.Value.SecretsKey;
        var path = Path.Combine(dataPath.Value.Path, "keys", "ai-secrets.key");
        _key = new Lazy<byte[]>(() => string.IsNullOrWhiteSpace(configured) ? LoadOrCreate(path) : Decode(configured), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public byte[] Seal(string secret, string workspaceId, string provider)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), Context(workspaceId, provider));
        return sealedBytes;
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when the ciphertext was altered, moved, or sealed with another key.</summary>
    public string Open(byte[] sealedBytes, string workspaceId, string provider)
    {
        if (sealedBytes.Length < 1 + NonceSize + TagSize || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed secret of a known version.");
        }

        var plain = new byte[sealedBytes.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), plain, Context(workspaceId, provider));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A 32-byte key for another purpose, derived from the deployment's secrets key with HKDF-SHA256 (the purpose is
    /// the HKDF info), so each use has its own key and none of them reveals the secrets key or another purpose's key.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key.Value, 32, salt: null, info: Encoding.UTF8.GetBytes(purpose));

    private static byte[] Context(string workspaceId, string provider) => Encoding.UTF8.GetBytes($"chatsphere/ai-credential/{workspaceId}/{provider.ToLowerInvariant()}");

    private static byte[] Decode(string base64)
    {
        var key = Convert.FromBase64String(base64.Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException($"{AiOptions.SectionName}:SecretsKey must be 32 bytes in base64.");
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another silo on the same folder created it first: use theirs.
            return Decode(File.ReadAllText(path));
        }

        return key;
    }
}

/// <summary>The data folder (<c>ChatSphere:DataPath</c>) where the generated secrets key lives.</summary>
public sealed class AiDataPath
{
    public string Path { get; set; } = "./data";
}
