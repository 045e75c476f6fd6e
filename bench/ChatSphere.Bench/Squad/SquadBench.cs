using System.Globalization;
using ChatSphere.Bench.Reporting;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The knowledge-base quality benchmark: the SQuAD dev articles become one bot's knowledge, then each question of
/// tune.jsonl and heldout.jsonl is searched (gold-paragraph hit@1/5/10, MRR) and answered by the embedded answerer
/// within 40 words (does the reply contain a gold answer).
/// </summary>
public static class SquadBench
{
    public const int AnswerWords = 40;

    /// <summary>Hits handed to the answerer, as the knowledge grain hands them.</summary>
    public const int AnswerHits = 5;

    public static async Task<IReadOnlyList<SquadResult>> RunAsync(string repo, IReadOnlyList<string> sets, string? embeddingCache, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = Embedder();
        if (embeddingCache is not null)
        {
            embedder.Load(embeddingCache);
            Console.WriteLine($"{embedder.Count} cached embeddings loaded from {embeddingCache}.");
        }

        Console.WriteLine("Indexing the SQuAD articles…");
        using var corpus = await SquadCorpus.BuildAsync(SquadData.Documents(folder), embedder, cancellationToken);
        Console.WriteLine($"{corpus.Chunks.Count} chunks indexed in {corpus.Indexing.TotalSeconds:N1} s.");
        var evaluation = new SquadEvaluation(corpus, embedder);
        var results = new List<SquadResult>();
        foreach (var set in sets)
        {
            var retrievals = await evaluation.RetrieveAsync(SquadData.Questions(folder, set), new RetrievalOptions(), cancellationToken);
            var result = await evaluation.AnswerAsync(set, retrievals, new GroundedAnswerSettings { MaxWords = AnswerWords }, AnswerHits, cancellationToken);
            Print(result);
            results.Add(result);
            if (embeddingCache is not null)
            {
                embedder.Save(embeddingCache);
            }
        }

        return results;
    }

    public static void AddMetrics(IReadOnlyList<SquadResult> results, Action<string, double, string> add)
    {
        foreach (var result in results)
        {
            var prefix = $"squad.{result.Set}.";
            add(prefix + "hit_at_1", result.HitAt1, "share");
            add(prefix + "hit_at_5", result.HitAt5, "share");
            add(prefix + "hit_at_10", result.HitAt10, "share");
            add(prefix + "mrr", result.Mrr, "share");
            add(prefix + "answer_contains_gold", result.AnswerContainsGold, "share");
            add(prefix + "answer_words_mean", result.AnswerWordsMean, "words");
        }
    }

    public static void Print(SquadResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Set,-8} n={r.Questions} hit@1 {r.HitAt1:0.000} hit@5 {r.HitAt5:0.000} hit@10 {r.HitAt10:0.000} MRR {r.Mrr:0.000} | answer contains gold {r.AnswerContainsGold:0.000} (mean {r.AnswerWordsMean:0.0} words, longest {r.LongestAnswerWords}, fallbacks {r.Fallbacks}; best hit score p10 {r.TopScoreP10:0.00})"));

    /// <summary>MiniLM behind an exact cache: sentences recur across settings and sets.</summary>
    public static EmbeddingFileCache Embedder() => new(new MiniLmEmbeddingGenerator());
}
