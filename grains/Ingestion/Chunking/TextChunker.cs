using System.Text.RegularExpressions;
using ChatSphere.Grains.Ingestion.Parsing;

namespace ChatSphere.Grains.Ingestion.Chunking;

/// <summary>
/// A piece of a document small enough to embed: exactly the document's plain text from Start to End, under the
/// headings of HeadingPath (outermost first, joined with " > "), Tokens long.
/// </summary>
public sealed record TextChunk(string Text, string HeadingPath, int Start, int End, int Tokens);

/// <summary>
/// Cuts a document along its structure: a heading starts a new chunk, blocks (paragraphs, list items, table rows)
/// and sentences are packed whole up to the token budget, and only a sentence longer than the budget is cut between
/// words. When the budget runs out, the chunk ends where a block began if that leaves it at least half full, so a
/// paragraph is split only when it must be; consecutive chunks that split a block share about <c>overlapTokens</c>
/// of trailing sentences, and chunks that meet at a block boundary share nothing. Offsets refer to <see cref="PlainText"/>: the blocks joined by blank lines.
/// </summary>
public static partial class TextChunker
{
    public const string BlockSeparator = "\n\n";
    public const string PathSeparator = " > ";

    /// <summary>The document's text as chunk offsets count it.</summary>
    public static string PlainText(ParsedDocument document) => string.Join(BlockSeparator, document.Blocks.Select(b => b.Text));

    public static IReadOnlyList<TextChunk> Split(ParsedDocument document, int maxTokens, int overlapTokens, ModelTokenizer tokenizer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 8);
        var plain = PlainText(document);
        var units = Units(document, maxTokens, tokenizer);
        var chunks = new List<TextChunk>();
        var current = new List<Unit>();
        foreach (var unit in units)
        {
            if (current.Count > 0 && unit.Section != current[0].Section)
            {
                Emit(current, plain, chunks);
                current = [];
            }
            else if (current.Count > 0 && Tokens(current) + unit.Tokens > maxTokens && unit.StartsBlock)
            {
                // The chunk ends where a block ends: nothing is split, so nothing needs repeating.
                Emit(current, plain, chunks);
                current = [];
            }
            else if (current.Count > 0 && Tokens(current) + unit.Tokens > maxTokens)
            {
                var cut = BlockBoundary(current, maxTokens);
                if (cut > 0)
                {
                    // The blocks before the boundary make a chunk; the block in progress goes on in the next one.
                    Emit(current[..cut], plain, chunks);
                    current = current[cut..];
                }

                if (Tokens(current) + unit.Tokens > maxTokens)
                {
                    Emit(current, plain, chunks);
                    current = Overlap(current, overlapTokens, maxTokens - unit.Tokens);
                }
            }

            current.Add(unit);
        }

        Emit(current, plain, chunks);
        return chunks;
    }

    /// <summary>
    /// Where the chunk in <paramref name="units"/> should end when the next unit does not fit: the latest start of a
    /// block (after the first unit) that leaves the chunk at least half the budget; 0 when there is none.
    /// </summary>
    private static int BlockBoundary(List<Unit> units, int maxTokens)
    {
        var before = Tokens(units);
        for (var i = units.Count - 1; i > 0; i--)
        {
            before -= units[i].Tokens;
            if (before * 2 < maxTokens)
            {
                return 0;
            }

            if (units[i].StartsBlock)
            {
                return i;
            }
        }

        return 0;
    }

    private static List<Unit> Overlap(List<Unit> previous, int overlapTokens, int room)
    {
        var carried = new List<Unit>();
        var tokens = 0;
        for (var i = previous.Count - 1; i > 0; i--)
        {
            var unit = previous[i];
            if (unit.IsHeading || tokens + unit.Tokens > Math.Min(overlapTokens, room))
            {
                break;
            }

            carried.Insert(0, unit);
            tokens += unit.Tokens;
        }

        return carried;
    }

    private static void Emit(List<Unit> units, string plain, List<TextChunk> chunks)
    {
        // A heading with nothing under it only names the section: it lives on in the heading path of what follows.
        if (units.Count == 0 || units.All(u => u.IsHeading))
        {
            return;
        }

        var start = units[0].Start;
        var end = units[^1].End;
        chunks.Add(new TextChunk(plain[start..end], units[0].Path, start, end, Tokens(units)));
    }

    private static int Tokens(List<Unit> units) => units.Sum(u => u.Tokens);

    private static List<Unit> Units(ParsedDocument document, int maxTokens, ModelTokenizer tokenizer)
    {
        var units = new List<Unit>();
        var headings = new List<(int Level, string Text)>();
        var path = "";
        var section = 0;
        var offset = 0;
        foreach (var block in document.Blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                var level = Math.Max(1, block.Level);
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, block.Text));
                path = string.Join(PathSeparator, headings.Select(h => h.Text));
                section++;
                units.Add(new Unit(offset, offset + block.Text.Length, tokenizer.Count(block.Text), section, path, IsHeading: true));
            }
            else
            {
                var pieces = block.Kind is BlockKind.Paragraph or BlockKind.ListItem ? Sentences(block.Text) : [(0, block.Text.Length)];
                foreach (var (start, end) in pieces)
                {
                    var text = block.Text[start..end];
                    var tokens = tokenizer.Count(text);
                    if (tokens <= maxTokens)
                    {
                        units.Add(new Unit(offset + start, offset + end, tokens, section, path, IsHeading: false, StartsBlock: start == 0));
                    }
                    else
                    {
                        foreach (var (wordsStart, wordsEnd, wordTokens) in WordGroups(text, maxTokens, tokenizer))
                        {
                            units.Add(new Unit(
                                offset + start + wordsStart, offset + start + wordsEnd, wordTokens, section, path, IsHeading: false,
                                StartsBlock: start + wordsStart == 0));
                        }
                    }
                }
            }

            offset += block.Text.Length + BlockSeparator.Length;
        }

        return units;
    }

    /// <summary>Sentence spans of a block (its text is whitespace-collapsed, so one space separates them).</summary>
    private static List<(int Start, int End)> Sentences(string text)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        foreach (Match boundary in SentenceEnd().Matches(text))
        {
            spans.Add((start, boundary.Index));
            start = boundary.Index + boundary.Length;
        }

        if (start < text.Length)
        {
            spans.Add((start, text.Length));
        }

        return spans;
    }

    /// <summary>Runs of whole words of at most <paramref name="maxTokens"/> tokens; a single longer word is cut by characters.</summary>
    private static IEnumerable<(int Start, int End, int Tokens)> WordGroups(string text, int maxTokens, ModelTokenizer tokenizer)
    {
        var start = -1;
        var end = 0;
        var tokens = 0;
        foreach (Match word in Word().Matches(text))
        {
            var wordTokens = tokenizer.Count(word.Value);
            if (wordTokens > maxTokens)
            {
                if (start >= 0)
                {
                    yield return (start, end, tokens);
                    start = -1;
                    tokens = 0;
                }

                foreach (var piece in Pieces(word.Index, word.Length, maxTokens))
                {
                    yield return (piece.Start, piece.End, tokenizer.Count(text[piece.Start..piece.End]));
                }

                continue;
            }

            if (start >= 0 && tokens + wordTokens > maxTokens)
            {
                yield return (start, end, tokens);
                start = -1;
                tokens = 0;
            }

            if (start < 0)
            {
                start = word.Index;
            }

            end = word.Index + word.Length;
            tokens += wordTokens;
        }

        if (start >= 0)
        {
            yield return (start, end, tokens);
        }
    }

    /// <summary>A word too long for one chunk (a hash, a base64 run): cut every few characters, which are tokens at worst one each.</summary>
    private static IEnumerable<(int Start, int End)> Pieces(int start, int length, int maxTokens)
    {
        for (var at = 0; at < length; at += maxTokens)
        {
            yield return (start + at, start + Math.Min(length, at + maxTokens));
        }
    }

    [GeneratedRegex(@"(?<=[.!?…。])\s+(?=\S)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    private sealed record Unit(int Start, int End, int Tokens, int Section, string Path, bool IsHeading, bool StartsBlock = true);
}
