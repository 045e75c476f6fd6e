namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>Structural kinds of text a chunker keeps apart.</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    TableRow,
    Code,
}

/// <summary>One block of a document's text; <paramref name="Level"/> is the heading level (1 outermost).</summary>
public sealed record DocumentBlock(BlockKind Kind, string Text, int Level = 0);

/// <summary>A document reduced to its title and main content, in reading order.</summary>
public sealed record ParsedDocument(string Title, IReadOnlyList<DocumentBlock> Blocks)
{
    public long Characters => Blocks.Sum(b => (long)b.Text.Length);

    /// <summary>Blocks with whitespace collapsed and empty ones dropped, at most <paramref name="maxCharacters"/> characters in all.</summary>
    public static ParsedDocument Clean(string title, IEnumerable<DocumentBlock> blocks, int maxCharacters)
    {
        var kept = new List<DocumentBlock>();
        var total = 0;
        foreach (var block in blocks)
        {
            // Code keeps its layout but, like all extracted text, loses control characters (PostgreSQL stores no NUL).
            var text = block.Kind == BlockKind.Code ? GrainInterfaces.ControlCharacters.Strip(block.Text).Trim() : TextCleanup.CollapseWhitespace(block.Text);
            if (text.Length == 0)
            {
                continue;
            }

            if (total + text.Length > maxCharacters)
            {
                var room = maxCharacters - total;
                if (room > 0)
                {
                    kept.Add(block with { Text = text[..room] });
                }

                break;
            }

            kept.Add(block with { Text = text });
            total += text.Length;
        }

        return new ParsedDocument(TextCleanup.CollapseWhitespace(title), kept);
    }
}
