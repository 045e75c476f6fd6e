using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench.Squad;

/// <summary>Scores a question set's retrievals: hit@k and MRR, and the embedded answerer's replies (does one contain a gold answer).</summary>
public static class SquadAnswers
{
    public static async Task<SquadResult> ScoreAsync(
        string set, IReadOnlyList<SquadRetrieval> retrievals, GroundedAnswerSettings settings, int answerHits,
        IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var right = 0;
        var fallbacks = 0;
        var words = 0L;
        var longest = 0;
        foreach (var retrieval in retrievals)
        {
            var hits = retrieval.Hits.Take(answerHits).ToArray();
            var reply = await GroundedAnswerComposer.ComposeAsync(retrieval.Question.Question, hits, settings, embedder, retrieval.TermWeights, cancellationToken);
            var count = WordCount(reply.Text);
            words += count;
            longest = Math.Max(longest, count);
            fallbacks += reply.IsFallback ? 1 : 0;
            right += SquadScore.ContainsGold(reply.Text, retrieval.Question) ? 1 : 0;
        }

        var n = retrievals.Count;
        return new SquadResult(
            set,
            n,
            HitAt(retrievals, 1),
            HitAt(retrievals, 5),
            HitAt(retrievals, 10),
            retrievals.Average(r => r.FirstHit > 0 ? 1.0 / r.FirstHit : 0),
            (double)right / n,
            (double)words / n,
            longest,
            fallbacks)
        {
            TopScoreP10 = retrievals.Select(r => r.Hits.Count > 0 ? r.Hits[0].Score : 0).Order().ElementAt(n / 10),
            StrictHitAt5 = retrievals.Average(r => r.FirstStrictHit is > 0 and <= 5 ? 1.0 : 0),
        };
    }

    public static double HitAt(IReadOnlyList<SquadRetrieval> retrievals, int k) => retrievals.Average(r => r.FirstHit is > 0 && r.FirstHit <= k ? 1.0 : 0);

    /// <summary>Words of a reply as the budget counts them: citation markers excluded.</summary>
    public static int WordCount(string reply) => reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => !(w.StartsWith('[') && w.EndsWith(']')));
}
