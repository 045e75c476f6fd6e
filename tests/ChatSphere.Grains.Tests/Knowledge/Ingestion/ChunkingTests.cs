using ChatSphere.Grains.Ingestion.Chunking;
using ChatSphere.Grains.Ingestion.Parsing;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Chunks follow the document's structure, stay within the token budget of the model's tokenizer, and overlap.</summary>
public sealed class ChunkingTests
{
    private static readonly ModelTokenizer Tokenizer = ModelTokenizer.MiniLm;

    [Fact]
    public void The_tokenizer_is_the_models_wordpiece()
    {
        // WordPiece splits unknown long words into known pieces: "tokenization" is "token" + "##ization".
        Assert.Equal(2, Tokenizer.Count("tokenization"));
        Assert.Equal(3, Tokenizer.Count("Hello, world"));
    }

    [Fact]
    public void Chunks_stay_within_the_budget_overlap_and_are_exact_slices()
    {
        var sentences = Enumerable.Range(1, 120).Select(i => $"Sentence number {i} explains detail {i} of the warranty terms.").ToArray();
        var document = new ParsedDocument("Warranty", [
            new DocumentBlock(BlockKind.Heading, "Warranty", 1),
            new DocumentBlock(BlockKind.Paragraph, string.Join(" ", sentences[..60])),
            new DocumentBlock(BlockKind.Paragraph, string.Join(" ", sentences[60..])),
        ]);
        var plain = TextChunker.PlainText(document);

        var chunks = TextChunker.Split(document, maxTokens: 64, overlapTokens: 16, Tokenizer);

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.True(Tokenizer.Count(c.Text) <= 64, $"{Tokenizer.Count(c.Text)} tokens: {c.Text}"));
        Assert.All(chunks, c => Assert.Equal(plain[c.Start..c.End], c.Text));
        Assert.All(chunks, c => Assert.Equal("Warranty", c.HeadingPath));
        // Every sentence is in some chunk; consecutive chunks of one paragraph share their boundary sentence, and no
        // chunk reaches across the blank line between the paragraphs.
        Assert.All(sentences, s => Assert.Contains(chunks, c => c.Text.Contains(s, StringComparison.Ordinal)));
        var secondParagraph = plain.IndexOf(sentences[60], StringComparison.Ordinal);
        Assert.DoesNotContain(chunks, c => c.Start < secondParagraph && c.End > secondParagraph);
        for (var i = 1; i < chunks.Count; i++)
        {
            if (chunks[i].Start != secondParagraph)
            {
                Assert.True(chunks[i].Start < chunks[i - 1].End, $"chunk {i} does not overlap the one before");
            }
        }

        Assert.Contains(chunks, c => c.Start == secondParagraph);
    }

    [Fact]
    public void A_paragraph_that_does_not_fit_starts_the_next_chunk_unless_the_chunk_would_be_under_half_full()
    {
        static string Paragraph(string topic, int sentences) =>
            string.Join(" ", Enumerable.Range(1, sentences).Select(i => $"The {topic} rule number {i} is short."));
        var refunds = Paragraph("refund", 4);
        var shipping = Paragraph("shipping", 4);
        var budget = Tokenizer.Count(refunds) + Tokenizer.Count(shipping) - 4;
        var two = new ParsedDocument("Policies", [new DocumentBlock(BlockKind.Paragraph, refunds), new DocumentBlock(BlockKind.Paragraph, shipping)]);

        // Two paragraphs that do not fit together are two whole chunks, not one and a half.
        Assert.Equal([refunds, shipping], TextChunker.Split(two, budget, overlapTokens: 8, Tokenizer).Select(c => c.Text));

        var tiny = "Read this.";
        var returns = Paragraph("returns", 12);
        var tinyFirst = new ParsedDocument("Policies", [new DocumentBlock(BlockKind.Paragraph, tiny), new DocumentBlock(BlockKind.Paragraph, returns)]);
        var chunks = TextChunker.Split(tinyFirst, budget, overlapTokens: 8, Tokenizer);

        // A chunk that would be under half full takes the start of the next paragraph instead, and the split
        // paragraph's chunks overlap.
        Assert.StartsWith(tiny + "\n\nThe returns rule number 1 is short.", chunks[0].Text, StringComparison.Ordinal);
        Assert.True(chunks.Count >= 2);
        Assert.True(chunks[1].Start < chunks[0].End);
        Assert.All(chunks, c => Assert.True(Tokenizer.Count(c.Text) <= budget));
    }

    [Fact]
    public void A_heading_starts_a_new_chunk_and_names_its_path()
    {
        var document = new ParsedDocument("Manual", [
            new DocumentBlock(BlockKind.Heading, "Manual", 1),
            new DocumentBlock(BlockKind.Paragraph, "Read this first."),
            new DocumentBlock(BlockKind.Heading, "Install", 2),
            new DocumentBlock(BlockKind.ListItem, "Download the package."),
            new DocumentBlock(BlockKind.Heading, "Linux", 3),
            new DocumentBlock(BlockKind.Paragraph, "Run the script."),
            new DocumentBlock(BlockKind.Heading, "Support", 2),
            new DocumentBlock(BlockKind.TableRow, "Phone | 555"),
        ]);

        var chunks = TextChunker.Split(document, maxTokens: 200, overlapTokens: 30, Tokenizer);

        Assert.Equal(
            [
                ("Manual", "Manual\n\nRead this first."),
                ("Manual > Install", "Install\n\nDownload the package."),
                ("Manual > Install > Linux", "Linux\n\nRun the script."),
                ("Manual > Support", "Support\n\nPhone | 555"),
            ],
            chunks.Select(c => (c.HeadingPath, c.Text)));
    }

    [Fact]
    public void A_sentence_longer_than_the_budget_is_cut_between_words()
    {
        var words = string.Join(" ", Enumerable.Range(0, 400).Select(i => "word" + i));
        var document = new ParsedDocument("Long", [new DocumentBlock(BlockKind.Paragraph, words)]);

        var chunks = TextChunker.Split(document, maxTokens: 50, overlapTokens: 0, Tokenizer);

        Assert.All(chunks, c => Assert.True(Tokenizer.Count(c.Text) <= 50));
        Assert.Equal(words, string.Join(" ", chunks.Select(c => c.Text)));
    }
}
