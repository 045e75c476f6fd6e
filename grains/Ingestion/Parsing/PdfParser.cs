using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>The text of a PDF (PdfPig), page by page in content order, cut into paragraphs at blank lines.</summary>
public static class PdfParser
{
    public static ParsedDocument Parse(byte[] content, string fallbackTitle, int maxCharacters)
    {
        try
        {
            using var document = PdfDocument.Open(content);
            var blocks = new List<DocumentBlock>();
            var characters = 0L;
            foreach (var page in document.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page);
                foreach (var paragraph in TextCleanup.Paragraphs(text))
                {
                    blocks.Add(paragraph);
                    characters += paragraph.Text.Length;
                }

                if (characters >= maxCharacters)
                {
                    break;
                }
            }

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
}
