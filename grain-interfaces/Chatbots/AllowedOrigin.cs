using System.Globalization;

namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// One entry of a bot's allowed domains: <c>[scheme://]host[:port]</c>, where host may start with <c>*.</c>.
/// Without a scheme, http and https both match; without a port, any port matches. <c>*.example.com</c> matches
/// subdomains at any depth but not <c>example.com</c> itself: list both to allow both.
/// </summary>
public sealed record AllowedOrigin(string? Scheme, string Host, bool Wildcard, int? Port)
{
    public const int MaxEntries = 50;

    /// <summary>Parses an entry, or null when it is not one.</summary>
    public static AllowedOrigin? Parse(string? entry)
    {
        var text = entry?.Trim().ToLowerInvariant() ?? "";
        if (text.Length is 0 or > 253)
        {
            return null;
        }

        string? scheme = null;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = text[..separator];
            if (scheme is not ("http" or "https"))
            {
                return null;
            }

            text = text[(separator + 3)..];
        }

        text = text.TrimEnd('/');
        int? port = null;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return null;
            }

            port = p;
            text = text[..colon];
        }

        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var host = wildcard ? text[2..] : text;
        return IsHostName(host) ? new AllowedOrigin(scheme, host, wildcard, port) : null;
    }

    /// <summary>Whether a browser origin (<c>scheme://host[:port]</c>) matches this entry.</summary>
    public bool Matches(Uri origin)
    {
        if (Scheme is not null && !string.Equals(Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Port is { } port && origin.Port != port)
        {
            return false;
        }

        var host = origin.IdnHost.ToLowerInvariant();
        return Wildcard ? host.EndsWith("." + Host, StringComparison.Ordinal) : host == Host;
    }

    /// <summary>Whether an origin header value is allowed by a list of entries (an empty list allows any).</summary>
    public static bool IsAllowed(IReadOnlyList<string> entries, string origin)
    {
        if (entries.Count == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return entries.Select(Parse).Any(e => e is not null && e.Matches(uri));
    }

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && label[0] != '-' && label[^1] != '-');
}
