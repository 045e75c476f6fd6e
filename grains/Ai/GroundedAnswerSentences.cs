using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// Splits text into sentences: a sentence ends at '.', '!' or '?' (closing quotes and brackets kept with it) before
/// white space and a capital letter, digit or opening quote, unless the word before is a title, an initial or a
/// common abbreviation ("Dr.", "J.", "U.S.", "e.g."). Blank lines and list items always end a sentence.
/// </summary>
internal static partial class GroundedAnswerSentences
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "no", "vol", "fig", "inc", "ltd",
        "co", "corp", "gen", "col", "lt", "sgt", "capt", "rev", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ca", "cf", "al", "u.s", "u.k", "u.n", "a.d", "b.c",
    };

    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var block in Blocks().Split(text))
        {
            var start = 0;
            foreach (Match end in Boundary().Matches(block))
            {
                var candidate = block[start..end.Index];
                if (!EndsWithAbbreviation(candidate))
                {
                    Add(sentences, candidate);
                    start = end.Index + end.Length;
                }
            }

            Add(sentences, block[start..]);
        }

        return sentences;
    }

    private static void Add(List<string> sentences, string sentence)
    {
        sentence = sentence.Trim();
        if (sentence.Any(char.IsLetterOrDigit))
        {
            sentences.Add(sentence);
        }
    }

    private static bool EndsWithAbbreviation(string sentence)
    {
        var trimmed = sentence.TrimEnd('"', '\'', ')', ']', '”', '’');
        if (!trimmed.EndsWith('.'))
        {
            return false;
        }

        var space = trimmed.LastIndexOfAny([' ', '\n', '\t', '(']);
        var word = trimmed[(space + 1)..^1];
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }

    // The split point sits after the punctuation (and closing quotes), before the white space.
    [GeneratedRegex(@"(?<=[.!?][""'”’)\]]*)\s+(?=[""'“‘(\[]?[\p{Lu}\p{N}])")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\n\s*\n|\n\s*(?=[-*•]\s)|\n\s*(?=\d+[.)]\s)")]
    private static partial Regex Blocks();
}
