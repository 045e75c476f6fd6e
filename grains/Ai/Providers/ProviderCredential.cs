namespace ChatSphere.Grains.Ai.Providers;

/// <summary>A workspace's own key (and optionally base URL) for a configured provider, decrypted for one call.</summary>
public sealed record ProviderCredential(string ApiKey, string? BaseUrl)
{
    /// <summary>Tells credentials apart without keeping the key itself as a dictionary key.</summary>
    public string Fingerprint()
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey + "\n" + BaseUrl));
        return Convert.ToHexString(hash, 0, 12);
    }
}
