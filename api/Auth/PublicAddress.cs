using ChatSphere.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatSphere.Api.Auth;

/// <summary>
/// The address people reach this deployment at, for links that leave the request (account emails, the sign-in
/// provider's callback). Never taken from the request's headers, which whoever sends the request chooses:
/// <c>ChatSphere:PublicUrl</c> when set (required in the cluster shape); otherwise, in the embedded shape only, the
/// address the server listens on (<c>ASPNETCORE_URLS</c>), with a wildcard host read as <c>localhost</c>.
/// </summary>
public sealed class PublicAddress(IServer server, Uri? configured)
{
    public const string Setting = "ChatSphere:PublicUrl";
    public const int MaxLength = 2048;

    /// <summary>The configured public URL, checked; throws <see cref="InvalidOperationException"/> (a start-up error)
    /// when it is malformed, or missing in the cluster shape.</summary>
    public static Uri? Resolve(IConfiguration configuration, ChatSphereTopology topology)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return topology.IsCluster
                ? throw new InvalidOperationException(
                    $"{Setting} is required in the cluster shape (for example https://chat.example.com): links in account emails "
                    + "(password reset, email verification, invitations) point there and are never built from a request's Host header.")
                : null;
        }

        return value.Length <= MaxLength && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
                ? uri
                : throw new InvalidOperationException($"{Setting} must be an absolute http(s) URL without query or fragment, at most {MaxLength} characters.");
    }

    /// <summary>The root to build links on, without a trailing slash; null while no address is known (no link may be made then).</summary>
    public string? Root
    {
        get
        {
            if (configured is not null)
            {
                return configured.AbsoluteUri.TrimEnd('/');
            }

            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                if (FromListening(address) is { } root)
                {
                    return root;
                }
            }

            return null;
        }
    }

    /// <summary><c>http://+:8080</c>, <c>http://0.0.0.0:8080</c>, <c>http://[::]:8080</c> -> <c>http://localhost:8080</c>; port 0
    /// (not bound yet) or another scheme gives null.</summary>
    internal static string? FromListening(string address)
    {
        var normalised = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Port == 0)
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, uri.AbsolutePath).Uri.AbsoluteUri.TrimEnd('/');
    }
}
