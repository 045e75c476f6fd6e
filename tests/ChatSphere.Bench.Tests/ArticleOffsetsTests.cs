using ChatSphere.Bench.Squad;
using ChatSphere.Grains.Ingestion.Chunking;
using ChatSphere.Grains.Ingestion.Parsing;

namespace ChatSphere.Bench.Tests;

public sealed class ArticleOffsetsTests
{
    [Fact]
    public void A_chunk_of_plain_paragraphs_maps_to_its_exact_range_in_the_article()
    {
        var article = new SquadDocument("doc", "Title", "First paragraph. It has two sentences.\n\nSecond paragraph here.\n\nThird one.");
        var offsets = new ArticleOffsets(article);

        var range = offsets.Locate("It has two sentences.\n\nSecond paragraph here.");

        Assert.NotNull(range);
        Assert.Equal(article.Text.IndexOf("It has", StringComparison.Ordinal), range.Value.Start);
        Assert.Equal(article.Text.IndexOf("\n\nThird", StringComparison.Ordinal), range.Value.End);
        Assert.Equal(0, offsets.ChangedCharacters);
    }

    [Fact]
    public void Markdown_syntax_and_runs_of_white_space_the_parser_drops_still_map_to_the_article()
    {
        var article = new SquadDocument("doc", "Title", "The *bold*   claim holds.\n\nA plain closing paragraph.");
        var offsets = new ArticleOffsets(article);

        var range = offsets.Locate("bold claim holds.");

        Assert.NotNull(range);
        Assert.Equal(article.Text.IndexOf("bold", StringComparison.Ordinal), range.Value.Start);
        Assert.Equal(article.Text.IndexOf("\n\n", StringComparison.Ordinal), range.Value.End);
        Assert.True(offsets.ChangedCharacters > 0);
    }

    [Fact]
    public void Text_the_article_does_not_have_is_not_located()
    {
        var offsets = new ArticleOffsets(new SquadDocument("doc", "Title", "Only this paragraph."));

        Assert.Null(offsets.Locate("A sentence from another article."));
    }

    [Fact]
    public void Every_chunk_the_product_cuts_from_an_article_is_located_inside_the_paragraphs_it_came_from()
    {
        var paragraphs = Enumerable.Range(1, 6)
            .Select(p => string.Join(" ", Enumerable.Range(1, 9).Select(s => $"Paragraph {p} sentence {s} talks about topic {p * 10 + s}.")))
            .ToArray();
        var article = new SquadDocument("doc", "Title", string.Join("\n\n", paragraphs));
        var offsets = new ArticleOffsets(article);
        var parsed = MarkdownParser.Parse(article.Text, article.Title, int.MaxValue);

        var chunks = TextChunker.Split(parsed, 60, 10, ModelTokenizer.MiniLm);

        Assert.True(chunks.Count > paragraphs.Length);
        foreach (var chunk in chunks)
        {
            var range = offsets.Locate(chunk.Text);
            Assert.NotNull(range);
            Assert.Equal(chunk.Text, article.Text[range.Value.Start..range.Value.End]);
        }
    }
}
