using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>
/// The text of a PDF (PdfPig): each page is segmented into text blocks (Docstrum) put in reading order; within a
/// block, lines in a font clearly larger than the body text become headings (the larger, the higher their level),
/// the other lines join into a paragraph.
/// </summary>
public static class PdfParser
{
    private const double HeadingScale = 1.15;
    private const int MaxHeadingLength = 200;
    private const int MaxHeadingLevels = 4;

    public static ParsedDocument Parse(byte[] content, string fallbackTitle, int maxCharacters)
    {
        try
        {
            using var document = PdfDocument.Open(content);
            var lines = new List<Line>();
            var characters = 0L;
            foreach (var page in document.GetPages())
            {
                foreach (var line in PageLines(page))
                {
                    lines.Add(line);
                    characters += line.Text.Length;
                }

                if (characters >= maxCharacters)
                {
                    break;
                }
            }

            var blocks = Structure(lines);
            var title = document.Information.Title is { Length: > 0 } declared ? declared : fallbackTitle;
            var parsed = ParsedDocument.Clean(title, blocks, maxCharacters);
            return parsed.Blocks.Count > 0
                ? parsed
                : throw new IngestionException("The PDF has no extractable text (it may be scanned images only).");
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw new IngestionException("The PDF is encrypted (password-protected); upload an unprotected copy.", exception);
        }
        catch (Exception exception) when (exception is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or InvalidCastException or NullReferenceException or FormatException or KeyNotFoundException
            or OverflowException or EndOfStreamException or NotSupportedException or InvalidDataException)
        {
            // PdfPig reports damaged files through many exception types.
            throw new IngestionException("The file is not a readable PDF (it is damaged or not a PDF).", exception);
        }
    }

    private static IEnumerable<Line> PageLines(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters).ToArray();
        if (words.Length == 0)
        {
            yield break;
        }

        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(DocstrumBoundingBoxes.Instance.GetBlocks(words));
        foreach (var block in blocks.OrderBy(b => b.ReadingOrder))
        {
            for (var i = 0; i < block.TextLines.Count; i++)
            {
                var line = block.TextLines[i];
                var letters = line.Words.SelectMany(w => w.Letters).ToArray();
                var size = letters.Length == 0 ? 0 : Math.Round(letters.Select(l => l.PointSize).Order().ElementAt(letters.Length / 2) * 2) / 2;
                yield return new Line(line.Text, size, StartsBlock: i == 0);
            }
        }
    }

    /// <summary>Headings by font size against the body size (the size most text is set in); paragraphs per block.</summary>
    private static List<DocumentBlock> Structure(List<Line> lines)
    {
        var body = lines.GroupBy(l => l.Size).MaxBy(g => g.Sum(l => l.Text.Length))?.Key ?? 0;
        var headingSizes = lines
            .Where(l => l.Size >= body * HeadingScale && l.Text.Length <= MaxHeadingLength)
            .Select(l => l.Size)
            .Distinct()
            .OrderDescending()
            .Take(MaxHeadingLevels)
            .ToList();
        var blocks = new List<DocumentBlock>();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new DocumentBlock(BlockKind.Paragraph, string.Join(" ", paragraph)));
                paragraph.Clear();
            }
        }

        foreach (var line in lines)
        {
            var level = line.Text.Length <= MaxHeadingLength ? headingSizes.IndexOf(line.Size) + 1 : 0;
            if (level > 0)
            {
                Flush();
                if (blocks.Count > 0 && blocks[^1] is { Kind: BlockKind.Heading } previous && previous.Level == level && !line.StartsBlock)
                {
                    // A heading set on two lines.
                    blocks[^1] = previous with { Text = previous.Text + " " + line.Text };
                }
                else
                {
                    blocks.Add(new DocumentBlock(BlockKind.Heading, line.Text, level));
                }

                continue;
            }

            if (line.StartsBlock)
            {
                Flush();
            }

            paragraph.Add(line.Text);
        }

        Flush();
        return blocks;
    }

    private sealed record Line(string Text, double Size, bool StartsBlock);
}
