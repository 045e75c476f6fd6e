namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>How keyword and vector rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: each list adds 1 / (k + rank); only positions matter.</summary>
    ReciprocalRank,

    /// <summary>A weighted sum of the BM25 score (normalised by the best in the candidate pool) and the cosine similarity.</summary>
    Weighted,
}
