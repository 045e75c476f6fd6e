namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// How a search ranks and cuts. The defaults are the ones measured best on the SQuAD tune set
/// (bench/ChatSphere.Bench squad; docs/benchmark-findings.md).
/// </summary>
public sealed record RetrievalOptions
{
    /// <summary>Results returned at most.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Candidates taken from each of the keyword and vector rankings before fusion.</summary>
    public int CandidatePool { get; init; } = 40;

    public FusionMethod Fusion { get; init; } = FusionMethod.Weighted;

    /// <summary>The k of reciprocal rank fusion.</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>Weight of the vector similarity in weighted fusion and in <see cref="RetrievalHit.Score"/>; the keyword side gets the rest.</summary>
    public double VectorWeight { get; init; } = 0.8;

    /// <summary>
    /// Weighted fusion also adds this times the largest share of the query's keyword weight that a single sentence
    /// of the chunk holds (a passage that restates the question in one sentence beats one that scatters its words).
    /// </summary>
    public double SentenceWeight { get; init; } = 0.3;

    /// <summary>Weighted fusion also adds this times the fused score of the best other candidate from the same source.</summary>
    public double SourceWeight { get; init; } = 0.1;

    /// <summary>Results whose <see cref="RetrievalHit.Score"/> is below this are dropped.</summary>
    public double MinScore { get; init; }

    /// <summary>Maximal marginal relevance trade-off: 1 ranks by relevance alone, lower values favour results unlike those already chosen.</summary>
    public double MmrLambda { get; init; } = 1.0;

    /// <summary>A Q&amp;A pair whose question is at least this similar to the query is returned first, as a curated answer.</summary>
    public double CuratedMinSimilarity { get; init; } = 0.82;
}
