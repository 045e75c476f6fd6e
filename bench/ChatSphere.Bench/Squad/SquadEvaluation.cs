using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench.Squad;

/// <summary>Retrieval and answer figures of one question set.</summary>
public sealed record SquadResult(string Set, int Questions, double HitAt1, double HitAt5, double HitAt10, double Mrr, double AnswerContainsGold, double AnswerWordsMean, int LongestAnswerWords, int Fallbacks)
{
    /// <summary>The 10th percentile of the best hit's score: a bot's score threshold above it turns answerable questions into fallbacks.</summary>
    public double TopScoreP10 { get; init; }

    /// <summary>hit@5 where a hit must cover an answer span whole (the README's strict variant).</summary>
    public double StrictHitAt5 { get; init; }
}

/// <summary>
/// What one question retrieved, kept so answer settings can be compared without searching again. <paramref name="TermWeights"/>
/// are the question words' weights in the knowledge searched, when the searcher exposes them.
/// </summary>
public sealed record SquadRetrieval(SquadQuestion Question, IReadOnlyList<KnowledgeHit> Hits, IReadOnlyDictionary<string, double>? TermWeights, int FirstHit, int FirstStrictHit);

/// <summary>Runs a question set against the bench's own paragraph chunks (<see cref="SquadCorpus"/>): retrieval ranks, then the embedded answerer's replies.</summary>
public sealed class SquadEvaluation(SquadCorpus corpus, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    public const int RankDepth = 10;

    public async Task<IReadOnlyList<SquadRetrieval>> RetrieveAsync(IReadOnlyList<SquadQuestion> questions, RetrievalOptions options, CancellationToken cancellationToken)
    {
        var vectors = await embedder.GenerateAsync(questions.Select(q => q.Question), cancellationToken: cancellationToken);
        var results = new SquadRetrieval[questions.Count];
        for (var i = 0; i < questions.Count; i++)
        {
            var hits = await corpus.Retriever.SearchAsync(questions[i].Question, vectors[i].Vector.ToArray(), options with { TopK = RankDepth }, cancellationToken);
            var ranked = hits.Select(h => (ArticleSpan?)corpus.Chunks[h.Chunk.Id].Span).ToArray();
            results[i] = new SquadRetrieval(
                questions[i],
                hits.Select(h => h.ToKnowledgeHit()).ToArray(),
                corpus.Retriever.TermWeights(questions[i].Question),
                SquadScore.FirstHit(ranked, questions[i]),
                SquadScore.FirstHit(ranked, questions[i], strict: true));
        }

        return results;
    }

    public Task<SquadResult> AnswerAsync(string set, IReadOnlyList<SquadRetrieval> retrievals, GroundedAnswerSettings settings, int answerHits, CancellationToken cancellationToken) =>
        SquadAnswers.ScoreAsync(set, retrievals, settings, answerHits, embedder, cancellationToken);

    public static double HitAt(IReadOnlyList<SquadRetrieval> retrievals, int k) => SquadAnswers.HitAt(retrievals, k);
}
