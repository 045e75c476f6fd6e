using System.Net;
using System.Net.Sockets;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>
/// The HTTP handler all ingestion fetches use. It resolves host names itself, in the connect callback, and connects
/// only to addresses <see cref="AddressPolicy"/> allows, so the check applies to the address actually used, on every
/// connection (every redirect included), and a DNS answer that changes between check and connect cannot bypass it.
/// No proxy, no automatic redirects (the fetcher follows them one by one), no cookies.
/// </summary>
public sealed class SafeHttpHandlerFactory(IOptions<IngestionOptions> options)
{
    public SocketsHttpHandler Create()
    {
        var settings = options.Value;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Math.Max(1, settings.MaxConcurrentRequestsPerSite),
            ConnectCallback = ConnectAsync,
        };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = AllowsPrivate(host) ? addresses : addresses.Where(AddressPolicy.IsPublic).ToArray();
        // A name with any non-public address is refused outright: some clients would try that one next.
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
        {
            throw new BlockedAddressException(host);
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private bool AllowsPrivate(string host) =>
        options.Value.AllowPrivateNetworks
        || options.Value.AllowedPrivateHosts.Contains(host.Trim('[', ']'), StringComparer.OrdinalIgnoreCase);
}
