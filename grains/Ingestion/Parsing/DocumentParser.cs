using System.Text;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>Which parser reads a document: by file extension, else by media type, with the content's own signature checked.</summary>
public static class DocumentParser
{
    /// <summary>The formats ingestion reads.</summary>
    public enum Format
    {
        Pdf,
        Docx,
        Markdown,
        Html,
        Text,
        Csv,
    }

    /// <summary>The format of a document named <paramref name="name"/> (a file name or URL path) served as <paramref name="mediaType"/>; null if unsupported.</summary>
    public static Format? Detect(string name, string? mediaType, ReadOnlySpan<byte> content)
    {
        var fromName = Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".pdf" => Format.Pdf,
            ".docx" => Format.Docx,
            ".md" or ".markdown" => Format.Markdown,
            ".html" or ".htm" => Format.Html,
            ".txt" => Format.Text,
            ".csv" => Format.Csv,
            _ => (Format?)null,
        };
        var fromType = mediaType?.ToLowerInvariant() switch
        {
            "application/pdf" => Format.Pdf,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Format.Docx,
            "text/markdown" or "text/x-markdown" => Format.Markdown,
            "text/html" or "application/xhtml+xml" => Format.Html,
            "text/plain" => Format.Text,
            "text/csv" => Format.Csv,
            _ => (Format?)null,
        };

        // A web server's media type is more reliable than a URL's extension; a file's extension is what its owner chose.
        var format = mediaType is null ? fromName : fromType ?? fromName;
        if (format is null && content.StartsWith("%PDF-"u8))
        {
            return Format.Pdf;
        }

        return format;
    }

    /// <summary>Parses a document; an <see cref="IngestionException"/> says why it cannot be.</summary>
    public static (ParsedDocument Document, IReadOnlyList<Uri> Links) Parse(
        byte[] content, Format format, string fallbackTitle, string? charset, Uri? address, IngestionOptions options)
    {
        if (content.Length == 0)
        {
            throw new IngestionException("The file is empty.");
        }

        var max = options.MaxCharactersPerDocument;
        var (document, links) = format switch
        {
            Format.Pdf => (PdfParser.Parse(Expect(content, "%PDF-"u8, "PDF"), fallbackTitle, max), []),
            Format.Docx => (DocxParser.Parse(Expect(content, "PK\u0003\u0004"u8, "Word (.docx)"), fallbackTitle, max, options.MaxUnpackedBytes), []),
            Format.Html => HtmlContentParser.Parse(TextDecoding.Decode(content, charset ?? HtmlCharset(content)), address, max),
            Format.Markdown => (MarkdownParser.Parse(TextDecoding.Decode(content, charset), fallbackTitle, max), []),
            Format.Csv => (CsvDocumentParser.Parse(TextDecoding.Decode(content, charset), fallbackTitle, max), []),
            _ => (ParsedDocument.Clean(fallbackTitle, TextCleanup.Paragraphs(TextDecoding.Decode(content, charset)), max), (IReadOnlyList<Uri>)[]),
        };

        if (document.Blocks.Count == 0)
        {
            throw new IngestionException("The document contains no text.");
        }

        return (document, links);
    }

    private static byte[] Expect(byte[] content, ReadOnlySpan<byte> signature, string kind)
    {
        // PDF allows a little junk before its header.
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        return head.IndexOf(signature) >= 0
            ? content
            : throw new IngestionException($"The file is not a {kind} file (its content does not match its type).");
    }

    /// <summary>The charset an HTML document declares in a meta tag within its first kilobytes.</summary>
    private static string? HtmlCharset(ReadOnlySpan<byte> content)
    {
        var head = Encoding.ASCII.GetString(content[..Math.Min(content.Length, 4096)]);
        var at = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var value = head[(at + 8)..].TrimStart('"', '\'', ' ');
        var end = value.IndexOfAny(['"', '\'', ' ', ';', '>', '/']);
        return end > 0 ? value[..end] : null;
    }
}
