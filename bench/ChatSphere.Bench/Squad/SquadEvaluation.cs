using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench.Squad;

/// <summary>Retrieval and answer figures of one question set.</summary>
public sealed record SquadResult(string Set, int Questions, double HitAt1, double HitAt5, double HitAt10, double Mrr, double AnswerContainsGold, double AnswerWordsMean, int LongestAnswerWords, int Fallbacks)
{
    /// <summary>The 10th percentile of the best hit's score: a bot's score threshold above it turns answerable questions into fallbacks.</summary>
    public double TopScoreP10 { get; init; }
}

/// <summary>What one question retrieved, kept so answer settings can be compared without searching again.</summary>
public sealed record SquadRetrieval(SquadQuestion Question, IReadOnlyList<RetrievalHit> Hits, IReadOnlyDictionary<string, double> TermWeights, int FirstHit);

/// <summary>Runs a question set against the corpus: retrieval ranks, then the embedded answerer's replies.</summary>
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
            var ranked = hits.Select(h => corpus.Chunks[h.Chunk.Id]).ToArray();
            results[i] = new SquadRetrieval(questions[i], hits, corpus.Retriever.TermWeights(questions[i].Question), SquadScore.FirstHit(ranked, questions[i]));
        }

        return results;
    }

    public async Task<SquadResult> AnswerAsync(string set, IReadOnlyList<SquadRetrieval> retrievals, GroundedAnswerSettings settings, int answerHits, CancellationToken cancellationToken)
    {
        var right = 0;
        var fallbacks = 0;
        var words = 0L;
        var longest = 0;
        foreach (var retrieval in retrievals)
        {
            var hits = retrieval.Hits.Take(answerHits).Select(h => h.ToKnowledgeHit()).ToArray();
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
        };
    }

    public static double HitAt(IReadOnlyList<SquadRetrieval> retrievals, int k) => retrievals.Average(r => r.FirstHit is > 0 && r.FirstHit <= k ? 1.0 : 0);

    /// <summary>Words of a reply as the budget counts them: citation markers excluded.</summary>
    public static int WordCount(string reply) => reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => !(w.StartsWith('[') && w.EndsWith(']')));
}
