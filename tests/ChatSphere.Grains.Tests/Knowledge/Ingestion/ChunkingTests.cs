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
        // Every sentence is in some chunk, and consecutive chunks share their boundary sentence.
        Assert.All(sentences, s => Assert.Contains(chunks, c => c.Text.Contains(s, StringComparison.Ordinal)));
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start < chunks[i - 1].End, $"chunk {i} does not overlap the one before");
        }
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
