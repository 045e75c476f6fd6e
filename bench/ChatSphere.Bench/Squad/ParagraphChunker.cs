using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The bench's stand-in for the ingestion pipeline: one chunk per paragraph (blank-line separated), with its range in
/// the document. <see cref="SquadCorpus"/> is the only user; swapping in the real pipeline replaces this class.
/// </summary>
public static class ParagraphChunker
{
    public static IEnumerable<SquadChunk> Chunk(SquadDocument document)
    {
        var start = 0;
        var index = 0;
        while (start < document.Text.Length)
        {
            var end = document.Text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end < 0)
            {
                end = document.Text.Length;
            }

            var text = document.Text[start..end];
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return new SquadChunk(
                    new RetrievalChunk { Id = $"{document.DocId}#{index++}", SourceId = document.DocId, Title = document.Title, Text = text },
                    document.DocId,
                    start,
                    end);
            }

            start = end + 2;
        }
    }
}
