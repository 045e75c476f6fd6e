using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Turns the hits a reply rests on into its citation list, numbered as the reply's markers are. A model that names its
/// hits (the embedded answerer) numbers its markers itself: [k] is the k-th hit it named. Any other model cites by the
/// prompt's numbering: [n] in its text is hit n.
/// </summary>
internal static partial class CitationBuilder
{
    public static IReadOnlyList<Citation> Build(string text, IReadOnlyList<KnowledgeHit> hits, IReadOnlyList<int>? named)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        if (named is { Count: > 0 })
        {
            return named
                .Select((position, k) => (Index: k + 1, Position: position))
                .Where(c => c.Position >= 1 && c.Position <= hits.Count)
                .Select(c => Of(c.Index, hits[c.Position - 1]))
                .ToArray();
        }

        var indexes = new SortedSet<int>();
        foreach (Match match in Marker().Matches(text))
        {
            indexes.Add(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
        }

        return indexes.Where(i => i >= 1 && i <= hits.Count).Select(i => Of(i, hits[i - 1])).ToArray();
    }

    private static Citation Of(int index, KnowledgeHit hit) => new()
    {
        Index = index,
        SourceId = hit.SourceId,
        Title = hit.Title,
        Url = hit.Url,
        Score = hit.Score,
        Heading = hit.Heading,
        FileName = hit.FileName,
    };

    [GeneratedRegex(@"\[(\d{1,2})\]")]
    private static partial Regex Marker();
}
