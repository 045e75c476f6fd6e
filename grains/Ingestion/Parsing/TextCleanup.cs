using System.Text;

namespace ChatSphere.Grains.Ingestion.Parsing;

internal static class TextCleanup
{
    /// <summary>Runs of whitespace (and control characters) become one space; the ends are trimmed.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Plain text cut into paragraphs at blank lines.</summary>
    public static IEnumerable<DocumentBlock> Paragraphs(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var paragraph in normalized.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return new DocumentBlock(BlockKind.Paragraph, paragraph);
        }
    }
}
