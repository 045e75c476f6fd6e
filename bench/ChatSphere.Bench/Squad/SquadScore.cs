using System.Text;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The README's scoring: a retrieved chunk hits when it comes from the question's document and overlaps the gold
/// paragraph's range (strict: it covers one of the answer spans whole); a reply is right when, lower-cased with
/// punctuation and white space collapsed, it contains one of the accepted answers. Citation markers ([1]) are removed
/// from the reply first: they are not answer text.
/// </summary>
public static partial class SquadScore
{
    public static bool Hits(ArticleSpan chunk, SquadQuestion question) =>
        chunk.DocId == question.DocId && chunk.Start < question.PassageEnd && question.PassageStart < chunk.End;

    public static bool CoversAnswer(ArticleSpan chunk, SquadQuestion question) =>
        chunk.DocId == question.DocId && (question.AnswerSpans ?? []).Any(a => a.Length == 2 && chunk.Start <= a[0] && a[1] <= chunk.End);

    /// <summary>The 1-based rank of the first chunk that hits (strict: covers an answer), or 0; a chunk not located (null) never hits.</summary>
    public static int FirstHit(IReadOnlyList<ArticleSpan?> ranked, SquadQuestion question, bool strict = false)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i] is { } span && (strict ? CoversAnswer(span, question) : Hits(span, question)))
            {
                return i + 1;
            }
        }

        return 0;
    }

    public static bool ContainsGold(string reply, SquadQuestion question)
    {
        var normalised = Normalise(WithoutCitations(reply));
        return question.Answers.Select(Normalise).Any(answer => answer.Length > 0 && normalised.Contains(answer, StringComparison.Ordinal));
    }

    /// <summary>The reply with its citation markers (" [1]", "[12]") replaced by a space: they are not answer text.</summary>
    public static string WithoutCitations(string reply) => CitationMarkers().Replace(reply, " ");

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
