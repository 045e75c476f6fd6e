using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatSphere.Api.Widget;

/// <summary>
/// The origins that are this API itself (its /demo page, the dashboard, the widget's own frame): <c>ChatSphere:PublicUrl</c>
/// when it is set, else the addresses the server listens on (a wildcard or loopback address such as <c>0.0.0.0</c>, <c>[::]</c>
/// or <c>127.0.0.1</c> stands for <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> at its port). Never the request's Host header, which the caller
/// chooses: a request naming any host would otherwise pass as "self" and skip the bot's allowed domains.
/// </summary>
public sealed class SelfOrigins(IConfiguration configuration, IServer server)
{
    private IReadOnlySet<string>? _origins;

    public bool IsSelf(string origin) => Origins.Contains(origin.TrimEnd('/'));

    private IReadOnlySet<string> Origins => _origins ??= Resolve();

    private HashSet<string> Resolve()
    {
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (configuration["ChatSphere:PublicUrl"] is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var publicUrl))
        {
            origins.Add(OriginOf(publicUrl.Scheme, publicUrl.IdnHost, publicUrl.Port));
            return origins;
        }

        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            // Binding forms like http://+:80 or http://*:80 are not URIs: read them as a wildcard host.
            var normalised = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            {
                continue;
            }

            // A wildcard or loopback binding is reached from this machine under any of the loopback names.
            var local = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
            foreach (var host in local ? ["localhost", "127.0.0.1", "[::1]"] : new[] { uri.Host })
            {
                origins.Add(OriginOf(uri.Scheme, host, uri.Port));
            }
        }

        return origins;
    }

    private static string OriginOf(string scheme, string host, int port)
    {
        var defaultPort = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
        return defaultPort ? $"{scheme}://{host}" : $"{scheme}://{host}:{port}";
    }
}
