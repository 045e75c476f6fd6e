using System.Text;
using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>
/// The running summary of what fell out of the prompt window: extractive, one line per message ("Visitor: …" /
/// "Assistant: …") holding its first sentence cut to <see cref="WordsPerLine"/> words, the oldest lines dropped once
/// the summary passes <see cref="MaxTokens"/>. Extractive on purpose: it costs no model call, works with the
/// offline model, and cannot be steered by what it summarises into saying something new.
/// </summary>
public sealed partial class ConversationSummarizer(TokenCounter tokens)
{
    public const int MaxTokens = 300;
    public const int WordsPerLine = 24;

    public string Update(string? summary, IEnumerable<HistoryMessage> dropped)
    {
        var lines = (summary ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var message in dropped)
        {
            var gist = Gist(message.Text);
            if (gist.Length > 0)
            {
                lines.Add((message.FromVisitor ? "Visitor: " : "Assistant: ") + gist);
            }
        }

        // Lines are counted one by one (each is remembered by content, summary after summary); a newline is a token.
        var total = lines.Sum(line => tokens.CountCached(line) + 1);
        while (lines.Count > 1 && total > MaxTokens)
        {
            total -= tokens.CountCached(lines[0]) + 1;
            lines.RemoveAt(0);
        }

        var result = string.Join('\n', lines);
        // The line counts are exact up to how a tokenizer joins across a newline: only a summary near the limit (or a
        // single line over it) is counted whole.
        return total > MaxTokens - 16 && tokens.Count(result) > MaxTokens ? tokens.Truncate(result, MaxTokens) : result;
    }

    private static string Gist(string text)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        var end = SentenceEnd().Match(flat);
        var sentence = end.Success ? flat[..(end.Index + 1)] : flat;
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= WordsPerLine ? sentence : new StringBuilder().AppendJoin(' ', words.Take(WordsPerLine)).Append('…').ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
