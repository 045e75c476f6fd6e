using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Conversations;

/// <summary>Turns the hits a reply rests on into its citation list: those the model named, and any [n] in the text.</summary>
internal static partial class CitationBuilder
{
    public static IReadOnlyList<Citation> Build(string text, IReadOnlyList<KnowledgeHit> hits, IEnumerable<int>? named)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        var indexes = new SortedSet<int>(named ?? []);
        foreach (Match match in Marker().Matches(text))
        {
            indexes.Add(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
        }

        return indexes
            .Where(i => i >= 1 && i <= hits.Count)
            .Select(i => new Citation
            {
                Index = i,
                SourceId = hits[i - 1].SourceId,
                Title = hits[i - 1].Title,
                Url = hits[i - 1].Url,
                Score = hits[i - 1].Score,
            })
            .ToArray();
    }

    [GeneratedRegex(@"\[(\d{1,2})\]")]
    private static partial Regex Marker();
}
