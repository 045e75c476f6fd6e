namespace ChatSphere.GrainInterfaces;

/// <summary>
/// Web page addresses that come from the visitor's side (the widget's <c>page</c> parameter, a Referer header) and are
/// stored and shown in the dashboard: only an absolute http(s) URL with a host, of at most <see cref="MaxLength"/>
/// characters, is kept; anything else (<c>javascript:</c>, markup, control characters) becomes no address at all.
/// </summary>
public static class PageAddresses
{
    public const int MaxLength = 2048;

    /// <summary>The address to store, or null. Characters a URL may not hold as such (quotes, angle brackets, spaces,
    /// non-ASCII) come back percent-encoded.</summary>
    public static string? OrNull(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || ControlCharacters.Contains(value)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var trimmed = value.Trim();
        var stored = trimmed.All(IsPlain) ? trimmed : uri.AbsoluteUri;
        return stored.Length <= MaxLength ? stored : null;
    }

    private static bool IsPlain(char c) => c is > ' ' and < '\u007f' and not ('"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}' or '\'');
}
