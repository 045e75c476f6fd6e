using System.Net;
using System.Net.Sockets;

namespace ChatSphere.Testing;

/// <summary>
/// Loopback TCP ports nobody listens on, for silo, gateway and Kestrel ports. The operating system picks
/// each one; a port is never handed out twice by this process.
/// </summary>
public static class FreeTcpPort
{
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Gate)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
