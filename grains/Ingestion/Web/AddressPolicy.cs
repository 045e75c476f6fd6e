using System.Net;
using System.Net.Sockets;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>
/// Which addresses ingestion may connect to: public unicast only. Loopback, private (RFC 1918, unique local),
/// link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT, multicast, reserved and unspecified
/// addresses are refused, IPv4-mapped IPv6 addresses by their IPv4 meaning.
/// </summary>
public static class AddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                  // this network
                || b[0] == 10                                   // private
                || b[0] == 127                                  // loopback
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)    // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)     // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // IETF protocol assignments
                || (b[0] == 192 && b[1] == 0 && b[2] == 2)      // documentation
                || (b[0] == 192 && b[1] == 168)                 // private
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))  // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)   // documentation
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)    // documentation
                || b[0] >= 224);                                // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.IsIPv6Teredo)
            {
                return false;
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            // 6to4 (2002::/16) and NAT64 (64:ff9b::/96) embed IPv4 addresses that could be private.
            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return IsPublic(new IPAddress(b.Slice(2, 4)));
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
            {
                return IsPublic(new IPAddress(b.Slice(12, 4)));
            }

            // Only global unicast (2000::/3) is public.
            return (b[0] & 0xE0) == 0x20;
        }

        return false;
    }
}
