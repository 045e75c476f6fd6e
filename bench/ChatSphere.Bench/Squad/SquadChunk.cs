using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>A character range [Start, End) of one SQuAD document, which the scoring compares with the gold paragraph.</summary>
public readonly record struct ArticleSpan(string DocId, int Start, int End);

/// <summary>A chunk of a SQuAD document cut by the bench's own <see cref="ParagraphChunker"/>, and the range it covers.</summary>
public sealed record SquadChunk(RetrievalChunk Chunk, string DocId, int Start, int End)
{
    public ArticleSpan Span => new(DocId, Start, End);
}
