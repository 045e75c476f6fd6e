using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// What kind of answer an English question asks for, read from its question words, and which words of a sentence
/// could be such an answer: "when" wants dates and years, "how many" numbers, "who" and "where" names.
/// </summary>
internal static partial class GroundedAnswerTypes
{
    public enum Kind
    {
        None,
        Time,
        Number,
        Name,
    }

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "century", "centuries", "bc", "ad", "bce", "ce",
    };

    private static readonly HashSet<string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
        "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "dozen", "half", "percent", "several",
    };

    public static Kind Of(string question)
    {
        var q = question.ToLowerInvariant();
        if (TimeQuestion().IsMatch(q))
        {
            return Kind.Time;
        }

        if (NumberQuestion().IsMatch(q))
        {
            return Kind.Number;
        }

        return NameQuestion().IsMatch(q) ? Kind.Name : Kind.None;
    }

    /// <summary>True when <paramref name="word"/> (as written in the sentence) could answer a question of <paramref name="kind"/>.</summary>
    public static bool Fits(Kind kind, string word, bool sentenceStart)
    {
        var bare = word.Trim('"', '\'', '(', ')', '[', ']', ',', '.', ';', ':', '!', '?', '“', '”', '‘', '’');
        if (bare.Length == 0)
        {
            return false;
        }

        return kind switch
        {
            Kind.Time => Year().IsMatch(bare) || Months.Contains(bare),
            Kind.Number => bare.Any(char.IsDigit) || NumberWords.Contains(bare),
            Kind.Name => !sentenceStart && char.IsUpper(bare[0]),
            _ => false,
        };
    }

    [GeneratedRegex(@"^(when\b|what (year|date|century|decade|day|month|time|period|era)\b|in what (year|century|decade)\b|which (year|century|decade)\b|how long ago\b)|\b(what|which) (year|century|decade|date)\b")]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"\bhow (many|much|long|far|old|large|big|tall|high|often)\b|\bwhat (percentage|percent|number|amount|proportion|fraction|size)\b")]
    private static partial Regex NumberQuestion();

    [GeneratedRegex(@"^(who|whom|whose|where)\b|\b(who|whom|whose|where)\b|\bwhat (city|country|state|team|company|name|person|organization|university|river|island|region|language|group)\b")]
    private static partial Regex NameQuestion();

    [GeneratedRegex(@"^(1\d{3}|20\d{2}|\d{3,4}s|\d{1,2}(st|nd|rd|th))$")]
    private static partial Regex Year();
}
