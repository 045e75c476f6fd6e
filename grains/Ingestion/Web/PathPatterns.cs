using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>Include and exclude path patterns of a crawl: <c>*</c> matches any characters, the rest literally, on the whole path.</summary>
public sealed class PathPatterns(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    private readonly Regex[] _include = include.Select(Compile).ToArray();
    private readonly Regex[] _exclude = exclude.Select(Compile).ToArray();

    public bool IsExcluded(string path) => _exclude.Any(p => p.IsMatch(path));

    public bool IsIncluded(string path) => !IsExcluded(path) && (_include.Length == 0 || _include.Any(p => p.IsMatch(path)));

    private static Regex Compile(string pattern)
    {
        var trimmed = pattern.Trim();
        var path = trimmed.StartsWith('/') || trimmed.StartsWith('*') ? trimmed : "/" + trimmed;
        return new Regex("^" + string.Join(".*", path.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
    }
}
