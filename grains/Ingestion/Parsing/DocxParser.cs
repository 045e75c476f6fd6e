using System.IO.Compression;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>
/// A Word document (OpenXml): headings by their Heading/Title styles, list items by numbering, tables by rows. The
/// zip is checked first (entry count, unpacked size, compression ratio) and parts are read with a character limit,
/// so a zip bomb fails instead of filling memory.
/// </summary>
public static class DocxParser
{
    private const int MaxEntries = 2_000;
    private const double MaxCompressionRatio = 200;
    private const long MaxCharactersPerPart = 32 * 1024 * 1024;

    public static ParsedDocument Parse(byte[] content, string fallbackTitle, int maxCharacters, long maxUnpackedBytes)
    {
        CheckArchive(content, maxUnpackedBytes);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings
            {
                // Bounds what one part may expand to even if the zip's declared sizes lie.
                MaxCharactersInPart = Math.Min(maxUnpackedBytes, MaxCharactersPerPart),
                AutoSave = false,
            });
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new IngestionException("The Word document has no body.");
            var blocks = new List<DocumentBlock>();
            var title = document.PackageProperties.Title;
            var styleNames = StyleNames(document);
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        var block = BlockOf(paragraph, styleNames);
                        if (block.Kind == BlockKind.Heading && block.Level == 0)
                        {
                            title ??= block.Text;
                            block = block with { Level = 1 };
                        }

                        blocks.Add(block);
                        break;
                    case Table table:
                        foreach (var row in table.Elements<TableRow>())
                        {
                            blocks.Add(new DocumentBlock(BlockKind.TableRow, string.Join(" | ", row.Elements<TableCell>()
                                .Select(c => c.InnerText.Trim()).Where(c => c.Length > 0))));
                        }

                        break;
                }
            }

            return ParsedDocument.Clean(title is { Length: > 0 } ? title : fallbackTitle, blocks, maxCharacters);
        }
        catch (Exception exception) when (exception is OpenXmlPackageException or FileFormatException or InvalidDataException
            or XmlException or InvalidOperationException or IOException or ArgumentException)
        {
            throw new IngestionException("The file is not a readable Word (.docx) document (it is damaged or of another type).", exception);
        }
    }

    /// <summary>
    /// Style names by style id. Built-in styles keep their English names ("heading 1", "Title") in every language
    /// of Word, while their ids are translated (a German document's heading style id is "berschrift1").
    /// </summary>
    private static Dictionary<string, string> StyleNames(WordprocessingDocument document)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var style in document.MainDocumentPart?.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is { } id && style.StyleName?.Val?.Value is { } name)
            {
                names[id] = name.Replace(" ", "", StringComparison.Ordinal);
            }
        }

        return names;
    }

    private static DocumentBlock BlockOf(Paragraph paragraph, Dictionary<string, string> styleNames)
    {
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        var style = styleNames.TryGetValue(styleId, out var name) ? name : styleId;
        var text = paragraph.InnerText;
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return new DocumentBlock(BlockKind.Heading, text, 0);
        }

        if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(style.AsSpan(7), out var level) && level is >= 1 and <= 9)
        {
            return new DocumentBlock(BlockKind.Heading, text, level);
        }

        return paragraph.ParagraphProperties?.NumberingProperties is not null || style.Contains("List", StringComparison.OrdinalIgnoreCase)
            ? new DocumentBlock(BlockKind.ListItem, text)
            : new DocumentBlock(BlockKind.Paragraph, text);
    }

    private static void CheckArchive(byte[] content, long maxUnpackedBytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                throw new IngestionException($"The document has more than {MaxEntries} parts; it looks like a zip bomb.");
            }

            long unpacked = 0;
            foreach (var entry in archive.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > maxUnpackedBytes
                    || (entry.Length > 1024 * 1024 && entry.Length > entry.CompressedLength * MaxCompressionRatio))
                {
                    throw new IngestionException("The document unpacks to far more data than it holds; it looks like a zip bomb.");
                }
            }
        }
        catch (InvalidDataException exception)
        {
            throw new IngestionException("The file is not a readable Word (.docx) document (it is not a zip package).", exception);
        }
    }
}
