using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// A chunk as retrieval takes it in (read from the chunk table): where it comes from for citations (source, title,
/// heading path, URL or file name), its text, and its embedding. A Q&amp;A pair is one chunk of type
/// <see cref="SourceType.Qa"/> whose <see cref="Question"/> is what its embedding stands for and whose text is the
/// answer. <see cref="Version"/> is the chunk row's version (see <see cref="Vectors.VectorRecord"/>).
/// </summary>
public sealed record RetrievalChunk
{
    public required string Id { get; init; }
    public required string SourceId { get; init; }
    public required string Text { get; init; }
    public string Title { get; init; } = "";
    public string? HeadingPath { get; init; }
    public string? Url { get; init; }
    public SourceType Type { get; init; } = SourceType.Text;
    public string? Question { get; init; }
    public float[]? Embedding { get; init; }
    public long Version { get; init; }
}
