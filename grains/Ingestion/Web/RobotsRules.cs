using System.Text;
using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>
/// A robots.txt (RFC 9309) as it applies to one crawler: the group naming its product token, else the <c>*</c> group;
/// the longest matching Allow/Disallow rule wins, Allow on a tie; <c>*</c> and a final <c>$</c> work as wildcards.
/// Also its Crawl-delay and the sitemaps it lists.
/// </summary>
public sealed class RobotsRules
{
    public static readonly RobotsRules AllowAll = new([], null, []);

    private readonly IReadOnlyList<Rule> _rules;

    private RobotsRules(IReadOnlyList<Rule> rules, TimeSpan? crawlDelay, IReadOnlyList<string> sitemaps)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
    }

    public TimeSpan? CrawlDelay { get; }

    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>Whether the path (with its query) may be fetched.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        Rule? best = null;
        foreach (var rule in _rules)
        {
            if (rule.Matches(pathAndQuery) && (best is null || rule.Length > best.Length || (rule.Length == best.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    public static RobotsRules Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<Rule> Rules, TimeSpan? Delay)>();
        var sitemaps = new List<string>();
        (List<string> Agents, List<Rule> Rules, TimeSpan? Delay)? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (!lastWasAgent || current is null)
                    {
                        current = ([], [], null);
                        groups.Add(current.Value);
                    }

                    current.Value.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    if (value.Length > 0)
                    {
                        current.Value.Rules.Add(new Rule(value, key == "allow"));
                    }

                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        var index = groups.FindIndex(g => ReferenceEquals(g.Agents, current.Value.Agents));
                        current = current.Value with { Delay = TimeSpan.FromSeconds(Math.Min(seconds, 3600)) };
                        groups[index] = current.Value;
                    }

                    break;
                case "sitemap":
                    sitemaps.Add(value);
                    break;
            }

            lastWasAgent = false;
        }

        var token = productToken.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (mine.Count == 0)
        {
            mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        }

        return new RobotsRules(
            mine.SelectMany(g => g.Rules).ToArray(),
            mine.Select(g => g.Delay).FirstOrDefault(d => d is not null),
            sitemaps);
    }

    private sealed class Rule
    {
        private readonly Regex _pattern;

        public Rule(string path, bool allow)
        {
            Allow = allow;
            Length = path.Length;
            var anchored = path.EndsWith('$');
            var body = anchored ? path[..^1] : path;
            var regex = new StringBuilder("^");
            foreach (var part in body.Split('*'))
            {
                regex.Append(Regex.Escape(part)).Append(".*");
            }

            regex.Length -= 2;
            if (anchored)
            {
                regex.Append('$');
            }

            _pattern = new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }

        public bool Allow { get; }

        public int Length { get; }

        public bool Matches(string pathAndQuery) => _pattern.IsMatch(pathAndQuery);
    }
}
