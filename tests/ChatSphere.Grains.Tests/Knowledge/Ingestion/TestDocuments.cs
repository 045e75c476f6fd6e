using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Real small documents, written by the same libraries ingestion reads them with.</summary>
public static class TestDocuments
{
    /// <summary>A one-page PDF; lines starting with "# " are set in a large font, as headings are.</summary>
    public static byte[] Pdf(string title, params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 780.0;
        foreach (var line in lines)
        {
            var heading = line.StartsWith("# ", StringComparison.Ordinal);
            page.AddText(heading ? line[2..] : line, heading ? 20 : 11, new PdfPoint(40, y), font);
            y -= heading ? 36 : 14;
        }

        return builder.Build();
    }

    /// <summary>A PDF whose trailer declares standard encryption with an owner password the empty password does not open.</summary>
    public static byte[] EncryptedPdf()
    {
        var text = Encoding.Latin1.GetString(Pdf("Secret", "Nobody may read this."));
        var encrypt = "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 "
            + "/O <" + new string('7', 64) + "> /U <" + new string('3', 64) + "> >> "
            + "/ID [<" + new string('A', 32) + "> <" + new string('A', 32) + ">] ";
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text[..(open + 2)] + " " + encrypt + text[(open + 2)..]);
    }

    /// <summary>A Word document with a heading, a paragraph, list items and a table. A heading style id other than "Heading1" is declared as the built-in style "heading 1", as a translated Word does.</summary>
    public static byte[] Docx(string heading, string paragraph, string[] listItems, string[][] table, string headingStyleId = "Heading1")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            if (headingStyleId != "Heading1")
            {
                var styles = main.AddNewPart<StyleDefinitionsPart>();
                styles.Styles = new Styles(new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = headingStyleId });
                styles.Styles.Save();
            }

            var body = new Body();
            body.Append(Styled(heading, headingStyleId));
            body.Append(new Paragraph(new Run(new Text(paragraph))));
            foreach (var item in listItems)
            {
                body.Append(new Paragraph(
                    new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                    new Run(new Text(item))));
            }

            body.Append(new Table(table.Select(row => new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell)))))))));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A .docx-shaped zip whose document part unpacks to <paramref name="unpackedBytes"/> of spaces.</summary>
    public static byte[] ZipBombDocx(int unpackedBytes)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var writer = entry.Open();
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (var written = 0; written < unpackedBytes; written += block.Length)
            {
                writer.Write(block, 0, Math.Min(block.Length, unpackedBytes - written));
            }
        }

        return stream.ToArray();
    }

    private static Paragraph Styled(string text, string style) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));
}
