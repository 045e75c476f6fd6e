using System.Text;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>
/// Watches a reply as it streams for the bot's instructions (persona and rules): once the reply repeats
/// <see cref="ShingleWords"/> consecutive words of them, it is cut there. Words compare case- and punctuation-blind,
/// so a reworded copy of a sentence passes but a verbatim (or re-cased) dump of the system prompt does not. Quoted
/// text in the instructions ("reply exactly: …", "always say '…'") is meant to be said, so it is not guarded.
/// One guard per reply; what it looks for (<see cref="InstructionShingles"/>) is shared by every reply with the same instructions.
/// </summary>
public sealed partial class InstructionLeakGuard
{
    public const int ShingleWords = 8;

    private readonly InstructionShingles _guarded;
    private readonly List<string> _recent = [];
    private readonly StringBuilder _partial = new();

    public InstructionLeakGuard(string instructions) => _guarded = InstructionShingles.For(instructions);

    /// <summary>Feeds the next piece of the reply; true when the reply now repeats the instructions.</summary>
    public bool Leaks(string piece)
    {
        if (_guarded.Shingles.Count == 0)
        {
            return false;
        }

        _partial.Append(piece);
        var text = _partial.ToString();
        // The last word may continue in the next piece: only whole words (followed by a separator) are checked.
        var cut = text.Length;
        while (cut > 0 && !IsSeparator(text[cut - 1]))
        {
            cut--;
        }

        _partial.Clear().Append(text, cut, text.Length - cut);
        foreach (var word in Words(text[..cut]))
        {
            if (!_guarded.Vocabulary.Contains(word))
            {
                // No run of the instructions holds this word: the words before it can start none.
                _recent.Clear();
                continue;
            }

            _recent.Add(word);
            if (_recent.Count > ShingleWords)
            {
                _recent.RemoveAt(0);
            }

            if (_recent.Count == ShingleWords && _guarded.Shingles.Contains(string.Join(' ', _recent)))
            {
                return true;
            }
        }

        return false;
    }

    internal static string WithoutQuotes(string instructions) => Quoted().Replace(instructions, " ");

    internal static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (IsSeparator(c) && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<=\\s|^)'[^']*'(?=\\s|[.,;:!?]|$)")]
    private static partial System.Text.RegularExpressions.Regex Quoted();

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || char.IsPunctuation(c) && c is not '\'' and not '’';
}
