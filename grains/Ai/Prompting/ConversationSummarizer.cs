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

        while (lines.Count > 1 && tokens.Count(string.Join('\n', lines)) > MaxTokens)
        {
            lines.RemoveAt(0);
        }

        var result = string.Join('\n', lines);
        return tokens.Count(result) > MaxTokens ? tokens.Truncate(result, MaxTokens) : result;
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
