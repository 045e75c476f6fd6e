using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Ai;

/// <summary>Word-level text helpers for replies: cutting to a word budget and splitting into streamed pieces.</summary>
internal static partial class AnswerText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// The text cut to at most <paramref name="maxWords"/> words (no limit when it is 0 or less). The cut falls at
    /// the end of the last whole sentence inside the budget when that keeps at least half of it; otherwise at the
    /// word limit, marked with an ellipsis.
    /// </summary>
    public static string Trim(string text, int maxWords)
    {
        text = text.Trim();
        if (maxWords <= 0)
        {
            return text;
        }

        var words = Word().Matches(text);
        if (words.Count <= maxWords)
        {
            return text;
        }

        for (var i = maxWords - 1; i >= (maxWords - 1) / 2; i--)
        {
            if (EndsSentence(words[i].Value))
            {
                return text[..(words[i].Index + words[i].Length)];
            }
        }

        var last = words[maxWords - 1];
        return text[..(last.Index + last.Length)].TrimEnd(',', ';', ':', '-', '–', '—') + Ellipsis;
    }

    /// <summary>One piece per word, each carrying the whitespace that follows it, so the pieces concatenate to the text.</summary>
    public static IEnumerable<string> Pieces(string text)
    {
        var matches = WordWithSpace().Matches(text);
        if (matches.Count == 0)
        {
            if (text.Length > 0)
            {
                yield return text;
            }

            yield break;
        }

        for (var i = 0; i < matches.Count; i++)
        {
            // Leading whitespace, if any, rides with the first word.
            yield return i == 0 ? text[..(matches[0].Index + matches[0].Length)] : matches[i].Value;
        }
    }

    private static bool EndsSentence(string word)
    {
        var end = word.TrimEnd('"', '\'', ')', ']', '”', '’', '»');
        return end.Length > 0 && end[^1] is '.' or '!' or '?' or '…' or '。' or '！' or '？';
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex WordWithSpace();
}
