namespace ChatSphere.Grains.Ai;

/// <summary>
/// How the embedded answerer composes a reply from retrieved hits. The weights were tuned on the SQuAD tune set
/// (bench/ChatSphere.Bench squad); <see cref="MaxWords"/> comes from the bot's answer settings.
/// </summary>
public sealed record GroundedAnswerSettings
{
    /// <summary>Longest reply in words, citation markers not counted.</summary>
    public int MaxWords { get; init; } = 40;

    /// <summary>Said instead of an answer when the knowledge does not support one.</summary>
    public string FallbackMessage { get; init; } = "Sorry, I don't know the answer to that yet.";

    /// <summary>Some hit among those considered must score at least this (a <c>KnowledgeHit.Score</c>) for an answer to be composed.</summary>
    public double MinHitScore { get; init; } = 0.3;

    /// <summary>
    /// Some sentence must reach this much evidence (the larger of the share of the question's word weight it holds and
    /// its embedding's similarity to the question's) or the fallback is given.
    /// </summary>
    public double MinSupport { get; init; } = 0.25;

    /// <summary>Hits whose sentences compete for the answer, best first.</summary>
    public int HitsConsidered { get; init; } = 3;

    /// <summary>
    /// Among those, hits scoring below this offer no sentences. The bench leaves it at 0 (as tuned); a bot sets it to its
    /// own threshold, so a reply never cites a hit the bot itself calls irrelevant.
    /// </summary>
    public double MinCompetingHitScore { get; init; }

    public double KeywordWeight { get; init; } = 1.0;
    public double SimilarityWeight { get; init; } = 1.0;
    public double HitRankWeight { get; init; } = 0.3;
    public double AnswerTypeWeight { get; init; } = 0.3;

    /// <summary>A second sentence joins the reply when its support is within this share of the best one's (the answer may be in either).</summary>
    public double SecondSentenceMargin { get; init; } = 0.15;
}
