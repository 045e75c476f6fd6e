namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>A fetch was refused because its host resolves to an address ingestion may not reach.</summary>
public sealed class BlockedAddressException(string host)
    : Exception($"'{host}' resolves to a private, loopback, link-local or otherwise non-public address, which ingestion may not reach.")
{
    public string Host { get; } = host;
}
