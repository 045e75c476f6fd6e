using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion;
using ChatSphere.Grains.Ingestion.Chunking;
using ChatSphere.Grains.Ingestion.Parsing;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// Where a chunk the product returned lies in its SQuAD article. The product keeps each chunk's character offsets in
/// its own plain text of the source (the parsed blocks joined by blank lines, <see cref="TextChunker.PlainText"/>),
/// and a chunk's text is exactly that plain text between its offsets. The bench parses the article with the same
/// parser the pipeline uses for a text source, finds the chunk's text in that plain text, and maps both ends back to
/// the article: parsing only drops characters (Markdown syntax, collapsed white space), so the plain text is a
/// subsequence of the article and each of its characters has one position there.
/// </summary>
public sealed class ArticleOffsets
{
    private readonly string _plain;
    private readonly int[] _articlePosition;

    public ArticleOffsets(SquadDocument document)
    {
        // As the pipeline parses a text source (IngestionPipeline: MarkdownParser, then the chunker's plain text).
        _plain = TextChunker.PlainText(MarkdownParser.Parse(document.Text, document.Title, new IngestionOptions().MaxCharactersPerDocument));
        _articlePosition = new int[_plain.Length + 1];
        var at = 0;
        for (var i = 0; i < _plain.Length; i++)
        {
            while (at < document.Text.Length && !SameCharacter(document.Text[at], _plain[i]))
            {
                at++;
            }

            if (at == document.Text.Length)
            {
                throw new InvalidDataException($"The product's text of {document.DocId} is not a subsequence of the article (at plain offset {i}); the hit mapping cannot be trusted.");
            }

            _articlePosition[i] = at++;
        }

        _articlePosition[_plain.Length] = document.Text.Length;
        ChangedCharacters = document.Text.Length - _plain.Length;
    }

    /// <summary>Characters of the article that the product's text does not have (0 when parsing kept it whole).</summary>
    public int ChangedCharacters { get; }

    /// <summary>The article range [Start, End) of a chunk with this text, or null when the product's text does not contain it.</summary>
    public (int Start, int End)? Locate(string chunkText)
    {
        var start = _plain.IndexOf(chunkText, StringComparison.Ordinal);
        if (start < 0 || chunkText.Length == 0)
        {
            return null;
        }

        var end = start + chunkText.Length;
        return (_articlePosition[start], _articlePosition[end - 1] + 1);
    }

    /// <summary>White space is collapsed to single spaces by the parser: any white space of the article matches one.</summary>
    private static bool SameCharacter(char article, char plain) => article == plain || (plain == ' ' && char.IsWhiteSpace(article));
}
