using System.Text;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion;
using ChatSphere.Grains.Ingestion.Parsing;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Each format reads into the right structure; each kind of bad input fails with a reason a person can act on.</summary>
public sealed class ParsingTests
{
    private static readonly IngestionOptions Options = new() { MaxUnpackedBytes = 10_000_000 };

    [Fact]
    public void A_pdf_gives_its_text_and_title()
    {
        var pdf = TestDocuments.Pdf("Returns policy", "Items can be returned within 30 days.", "Refunds take five business days.");

        var document = Parse(pdf, "returns.pdf");

        Assert.Equal("Returns policy", document.Title);
        var text = string.Join(" ", document.Blocks.Select(b => b.Text));
        Assert.Contains("Items can be returned within 30 days.", text, StringComparison.Ordinal);
        Assert.Contains("Refunds take five business days.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_gives_headings_by_font_size_and_joins_lines_into_paragraphs()
    {
        var pdf = TestDocuments.Pdf("Manual", "# Cleaning", "Wipe the lid with a damp cloth.", "Never use a scouring pad.", "# Storage", "Keep it in a dry place.");

        var document = Parse(pdf, "manual.pdf");

        Assert.Equal(
            [
                new DocumentBlock(BlockKind.Heading, "Cleaning", 1),
                new DocumentBlock(BlockKind.Paragraph, "Wipe the lid with a damp cloth. Never use a scouring pad."),
                new DocumentBlock(BlockKind.Heading, "Storage", 1),
                new DocumentBlock(BlockKind.Paragraph, "Keep it in a dry place."),
            ],
            document.Blocks);
    }

    [Fact]
    public void A_docx_keeps_headings_list_items_and_table_rows()
    {
        var docx = TestDocuments.Docx("Shipping", "We ship worldwide.", ["Standard: 5 days", "Express: 1 day"], [["Zone", "Price"], ["EU", "5 EUR"]]);

        var document = Parse(docx, "shipping.docx");

        Assert.Equal(
            [
                new DocumentBlock(BlockKind.Heading, "Shipping", 1),
                new DocumentBlock(BlockKind.Paragraph, "We ship worldwide."),
                new DocumentBlock(BlockKind.ListItem, "Standard: 5 days"),
                new DocumentBlock(BlockKind.ListItem, "Express: 1 day"),
                new DocumentBlock(BlockKind.TableRow, "Zone | Price"),
                new DocumentBlock(BlockKind.TableRow, "EU | 5 EUR"),
            ],
            document.Blocks);
    }

    [Fact]
    public void A_docx_heading_is_known_by_its_style_name_whatever_its_translated_id()
    {
        var docx = TestDocuments.Docx("Versand", "Wir liefern weltweit.", [], [], headingStyleId: "berschrift1");

        var document = Parse(docx, "versand.docx");

        Assert.Equal(new DocumentBlock(BlockKind.Heading, "Versand", 1), document.Blocks[0]);
    }

    [Fact]
    public void Markdown_keeps_headings_lists_tables_and_code()
    {
        var markdown = "# Guide\n\nIntro text.\n\n## Setup\n\n- first step\n- second step\n\n| Key | Value |\n|---|---|\n| a | 1 |\n\n```\nrun it\n```\n";

        var document = Parse(Encoding.UTF8.GetBytes(markdown), "guide.md");

        Assert.Equal("Guide", document.Title);
        Assert.Equal(
            [
                new DocumentBlock(BlockKind.Heading, "Guide", 1),
                new DocumentBlock(BlockKind.Paragraph, "Intro text."),
                new DocumentBlock(BlockKind.Heading, "Setup", 2),
                new DocumentBlock(BlockKind.ListItem, "first step"),
                new DocumentBlock(BlockKind.ListItem, "second step"),
                new DocumentBlock(BlockKind.TableRow, "Key | Value"),
                new DocumentBlock(BlockKind.TableRow, "a | 1"),
                new DocumentBlock(BlockKind.Code, "run it"),
            ],
            document.Blocks);
    }

    [Fact]
    public void Html_gives_the_main_content_without_navigation_footer_or_scripts_but_links_from_everywhere()
    {
        var script = new string('x', 3_000_000);
        var html = $"""
            <html><head><title>Pricing</title><script>var s = "{script}";</script><style>p {"{"}color:red{"}"}</style></head>
            <body><header><a href="/">Home</a></header><nav><a href="/about">About us</a></nav>
            <main><h1>Plans</h1><p>The basic plan costs <b>10 dollars</b> a month.</p><ul><li>Unlimited bots</li></ul>
            <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>30</td></tr></table><script>track()</script></main>
            <footer>Copyright 2026 <a href="/legal">Legal</a></footer></body></html>
            """;

        var (document, links) = HtmlContentParser.Parse(html, new Uri("https://example.com/pricing"), 100_000);

        Assert.Equal("Pricing", document.Title);
        Assert.Equal(
            [
                new DocumentBlock(BlockKind.Heading, "Plans", 1),
                new DocumentBlock(BlockKind.Paragraph, "The basic plan costs 10 dollars a month."),
                new DocumentBlock(BlockKind.ListItem, "Unlimited bots"),
                new DocumentBlock(BlockKind.TableRow, "Plan | Price"),
                new DocumentBlock(BlockKind.TableRow, "Pro | 30"),
            ],
            document.Blocks);
        Assert.Equal(["https://example.com/", "https://example.com/about", "https://example.com/legal"], links.Select(l => l.AbsoluteUri));
    }

    [Fact]
    public void Csv_rows_name_their_columns()
    {
        var document = Parse(Encoding.UTF8.GetBytes("product,price\nLamp,20\n\"Desk, oak\",150\n"), "prices.csv");

        Assert.Equal(["product: Lamp | price: 20", "product: Desk, oak | price: 150"], document.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void Text_that_is_not_utf8_is_read_as_windows_1252()
    {
        var latin = Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me costs 3 \u00a3.");

        var document = Parse(latin, "menu.txt");

        Assert.Equal("Caf\u00e9 cr\u00e8me costs 3 \u00a3.", document.Blocks.Single().Text);
    }

    [Theory]
    [InlineData("empty.txt", "", "The file is empty.")]
    [InlineData("image.txt", "binary", "binary, not text")]
    [InlineData("report.pdf", "corrupt-pdf", "not a readable PDF")]
    [InlineData("report.pdf", "not-pdf", "not a PDF file")]
    [InlineData("secret.pdf", "encrypted-pdf", "encrypted")]
    [InlineData("letter.docx", "not-zip", "not a readable Word (.docx) document")]
    [InlineData("letter.docx", "zip-bomb", "zip bomb")]
    [InlineData("blank.md", "whitespace", "contains no text")]
    public void Bad_input_fails_with_a_reason(string name, string kind, string reason)
    {
        var content = kind switch
        {
            "" => [],
            "binary" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
            "corrupt-pdf" => TestDocuments.Pdf("x", "some text")[..200],
            "not-pdf" => Encoding.UTF8.GetBytes("just some text pretending"),
            "encrypted-pdf" => TestDocuments.EncryptedPdf(),
            "not-zip" => Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not really a zip"),
            "zip-bomb" => TestDocuments.ZipBombDocx(50_000_000),
            _ => Encoding.UTF8.GetBytes("   \n\n  \t "),
        };

        var error = Assert.Throws<IngestionException>(() => Parse(content, name));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static ParsedDocument Parse(byte[] content, string name)
    {
        var format = DocumentParser.Detect(name, null, content) ?? throw new InvalidOperationException("Unsupported in test.");
        return DocumentParser.Parse(content, format, Path.GetFileNameWithoutExtension(name), null, null, Options).Document;
    }
}
