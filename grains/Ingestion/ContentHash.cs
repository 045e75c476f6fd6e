using System.Security.Cryptography;
using System.Text;

namespace ChatSphere.Grains.Ingestion;

/// <summary>SHA-256 in lower-case hex: what decides whether a page or chunk changed since the last sync.</summary>
public static class ContentHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>One hash over many, independent of their order.</summary>
    public static string Combine(IEnumerable<string> hashes) => Of(string.Join("\n", hashes.Order(StringComparer.Ordinal)));
}
