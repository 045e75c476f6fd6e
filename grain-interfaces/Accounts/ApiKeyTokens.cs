namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>
/// The shape of an API key: <c>csk_&lt;public id&gt;_&lt;secret&gt;</c>. The public id (22 letters and digits) names the
/// key's grain (<c>key_&lt;public id&gt;</c>) and, with the <c>csk_</c> in front, is the visible prefix; the secret is
/// 43 base64url characters of which only the SHA-256 is stored.
/// </summary>
public static class ApiKeyTokens
{
    public const string Marker = "csk_";

    public static bool LooksLikeApiKey(string? token) => token is not null && token.StartsWith(Marker, StringComparison.Ordinal);

    public static string NewKeyId() => Ids.New("key");

    public static string Prefix(string keyId) => Marker + keyId["key_".Length..];

    public static string Format(string keyId, string secret) => Prefix(keyId) + "_" + secret;

    /// <summary>The key id and secret of a presented key, or null if it cannot be one.</summary>
    public static (string KeyId, string Secret)? Parse(string? token)
    {
        if (!LooksLikeApiKey(token) || token!.Length > 200)
        {
            return null;
        }

        var rest = token[Marker.Length..];
        var split = rest.IndexOf('_', StringComparison.Ordinal);
        if (split <= 0 || split == rest.Length - 1)
        {
            return null;
        }

        var publicId = rest[..split];
        var secret = rest[(split + 1)..];
        return publicId.All(char.IsAsciiLetterOrDigit) && publicId.Length <= 40 ? ("key_" + publicId, secret) : null;
    }
}
