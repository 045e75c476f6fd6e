using System.Text;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The README's scoring: a retrieved chunk hits when it comes from the question's document and overlaps the gold
/// paragraph's range; a reply is right when, lower-cased with punctuation and white space collapsed, it contains one
/// of the accepted answers. Citation markers ([1]) are removed from the reply first: they are not answer text.
/// </summary>
public static partial class SquadScore
{
    public static bool Hits(SquadChunk chunk, SquadQuestion question) =>
        chunk.DocId == question.DocId && chunk.Start < question.PassageEnd && question.PassageStart < chunk.End;

    /// <summary>The 1-based rank of the first hitting chunk, or 0.</summary>
    public static int FirstHit(IReadOnlyList<SquadChunk> ranked, SquadQuestion question)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (Hits(ranked[i], question))
            {
                return i + 1;
            }
        }

        return 0;
    }

    public static bool ContainsGold(string reply, SquadQuestion question)
    {
        var normalised = Normalise(CitationMarkers().Replace(reply, " "));
        return question.Answers.Select(Normalise).Any(answer => answer.Length > 0 && normalised.Contains(answer, StringComparison.Ordinal));
    }

    public static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                result.Append(c);
                space = false;
            }
            else if (!space)
            {
                result.Append(' ');
                space = true;
            }
        }

        return result.ToString().TrimEnd();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d{1,2}\]")]
    private static partial System.Text.RegularExpressions.Regex CitationMarkers();
}
