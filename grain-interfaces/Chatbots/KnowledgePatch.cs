namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// A partial update of <see cref="KnowledgeSettings"/> (the <c>knowledge</c> member of a chatbot's create and update
/// bodies): null members are left as they are. Chunking applies to sources ingested or re-synced from then on.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.KnowledgePatch")]
public sealed record KnowledgePatch
{
    [Id(0)] public int? ChunkTokens { get; init; }
    [Id(1)] public int? OverlapTokens { get; init; }
    [Id(2)] public double? MinScore { get; init; }
    [Id(3)] public double? MmrLambda { get; init; }
    [Id(4)] public double? CuratedMinSimilarity { get; init; }

    /// <summary>The settings with this patch's members in place of theirs (the defaults where there are none yet).</summary>
    public KnowledgeSettings ApplyTo(KnowledgeSettings? current)
    {
        current ??= new KnowledgeSettings();
        return current with
        {
            ChunkTokens = ChunkTokens ?? current.ChunkTokens,
            OverlapTokens = OverlapTokens ?? current.OverlapTokens,
            MinScore = MinScore ?? current.MinScore,
            MmrLambda = MmrLambda ?? current.MmrLambda,
            CuratedMinSimilarity = CuratedMinSimilarity ?? current.CuratedMinSimilarity,
        };
    }
}
