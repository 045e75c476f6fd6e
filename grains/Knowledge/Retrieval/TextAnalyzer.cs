using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// Turns text into index terms: Unicode letters and digits form words, lower-cased (invariant culture), common
/// English function words dropped, and words of ASCII letters reduced to their Snowball (Porter2) English stem, so
/// "population" matches "populated". Words in other scripts are kept whole. Thread-safe.
/// </summary>
public static class TextAnalyzer
{
    [ThreadStatic]
    private static EnglishStemmer? _stemmer;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "does", "for", "from", "had", "has",
        "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "she", "so",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "were", "what",
        "when", "where", "which", "who", "whom", "whose", "why", "will", "with", "would", "you", "your",
    };

    /// <summary>The index terms of <paramref name="text"/>, in order, repeats kept.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        foreach (var word in Words(text))
        {
            if (word.Length > 0 && !StopWords.Contains(word))
            {
                terms.Add(Stem(word));
            }
        }

        return terms;
    }

    /// <summary>The lower-cased words of <paramref name="text"/>, stop words included.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' && word.Length > 0)
            {
                word.Append('\'');
            }
            else if (word.Length > 0)
            {
                yield return Clean(word);
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return Clean(word);
        }
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The Snowball English stem of a lower-case word of ASCII letters; any other word as it is.</summary>
    public static string Stem(string word)
    {
        if (word.Length < 3 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        var stemmer = _stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>Drops a possessive "'s" and joins other apostrophes away: "newton's" is "newton", "o'brien" is "obrien".</summary>
    private static string Clean(StringBuilder word)
    {
        var text = word.ToString().TrimEnd('\'');
        if (text.EndsWith("'s", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return text.Contains('\'', StringComparison.Ordinal) ? text.Replace("'", "", StringComparison.Ordinal) : text;
    }
}
