using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench.Squad;

/// <summary>A reply to one question: its text, and whether it is the bot's fallback message.</summary>
public sealed record SquadReply(string Text, bool IsFallback);

/// <summary>Scores a question set: retrieval (hit@k and MRR) and the replies (does one contain a gold answer).</summary>
public static class SquadAnswers
{
    /// <summary>
    /// Comparison only (the own-chunks index and the composer sweeps): replies composed in the bench by the embedded
    /// answerer's composer on the top <paramref name="answerHits"/> hits, not the product's chat path.
    /// </summary>
    public static async Task<SquadResult> ScoreAsync(
        string set, IReadOnlyList<SquadRetrieval> retrievals, GroundedAnswerSettings settings, int answerHits,
        IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var replies = new List<SquadReply>(retrievals.Count);
        foreach (var retrieval in retrievals)
        {
            var hits = retrieval.Hits.Take(answerHits).ToArray();
            var reply = await GroundedAnswerComposer.ComposeAsync(retrieval.Question.Question, hits, settings, embedder, retrieval.TermWeights, cancellationToken);
            replies.Add(new SquadReply(reply.Text, reply.IsFallback));
        }

        return Score(set, retrievals, replies);
    }

    /// <summary>The figures of one set: <paramref name="replies"/>[i] answers <paramref name="retrievals"/>[i]'s question.</summary>
    public static SquadResult Score(string set, IReadOnlyList<SquadRetrieval> retrievals, IReadOnlyList<SquadReply> replies)
    {
        if (replies.Count != retrievals.Count)
        {
            throw new ArgumentException($"{replies.Count} replies for {retrievals.Count} questions.", nameof(replies));
        }

        var right = 0;
        var fallbacks = 0;
        var words = 0L;
        var longest = 0;
        for (var i = 0; i < replies.Count; i++)
        {
            var count = WordCount(replies[i].Text);
            words += count;
            longest = Math.Max(longest, count);
            fallbacks += replies[i].IsFallback ? 1 : 0;
            right += SquadScore.ContainsGold(replies[i].Text, retrievals[i].Question) ? 1 : 0;
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

    /// <summary>Words of a reply as the budget counts them: citation markers ([1]) removed first.</summary>
    public static int WordCount(string reply) => SquadScore.WithoutCitations(reply).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
