using System.Globalization;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// Tuning on tune.jsonl only: retrieval settings (<see cref="RetrievalAsync"/>), and the answer composer's weights one
/// at a time over the default retrieval (coordinate ascent on answer-contains-gold). Prints what it tried; writes nothing.
/// </summary>
public static class SquadSweep
{
    /// <summary>A wider search over retrieval settings alone, on cached embeddings: fusion weights, BM25 parameters, pool size.</summary>
    public static async Task RetrievalAsync(string repo, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = SquadBench.Embedder();
        var cachePath = Path.Combine(Path.GetTempPath(), "chatsphere-squad-embeddings.bin");
        embedder.Load(cachePath);
        var questions = SquadData.Questions(folder, "tune");
        foreach (var (k1, b) in new[] { (0.9, 0.4), (1.2, 0.75) })
        {
            using var corpus = await SquadCorpus.BuildAsync(SquadData.Documents(folder), embedder, cancellationToken, k1, b);
            var evaluation = new SquadEvaluation(corpus, embedder);
            var grid =
                from w in new[] { 0.7, 0.75, 0.8, 0.85, 0.9 }
                from sentence in new[] { 0.2, 0.3, 0.4, 0.5 }
                from source in new[] { 0.0, 0.1, 0.2 }
                from pool in new[] { 40, 80 }
                select new RetrievalOptions { VectorWeight = w, SentenceWeight = sentence, SourceWeight = source, CandidatePool = pool };
            foreach (var options in grid)
            {
                var retrievals = await evaluation.RetrieveAsync(questions, options, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"k1={k1} b={b} w={options.VectorWeight} sentence={options.SentenceWeight} source={options.SourceWeight} pool={options.CandidatePool}: hit@1 {SquadEvaluation.HitAt(retrievals, 1):0.000} hit@5 {SquadEvaluation.HitAt(retrievals, 5):0.000} hit@10 {SquadEvaluation.HitAt(retrievals, 10):0.000} MRR {retrievals.Average(r => r.FirstHit > 0 ? 1.0 / r.FirstHit : 0):0.000}"));
            }
        }
    }

    public static async Task RunAsync(string repo, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = SquadBench.Embedder();
        var cachePath = Path.Combine(Path.GetTempPath(), "chatsphere-squad-embeddings.bin");
        embedder.Load(cachePath);
        using var corpus = await SquadCorpus.BuildAsync(SquadData.Documents(folder), embedder, cancellationToken);
        var evaluation = new SquadEvaluation(corpus, embedder);
        var questions = SquadData.Questions(folder, "tune");

        var bestHits = await evaluation.RetrieveAsync(questions, new RetrievalOptions(), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"retrieval with defaults: hit@1 {SquadEvaluation.HitAt(bestHits, 1):0.000} hit@5 {SquadEvaluation.HitAt(bestHits, 5):0.000} hit@10 {SquadEvaluation.HitAt(bestHits, 10):0.000}"));
        embedder.Save(cachePath);
        var settings = new GroundedAnswerSettings { MaxWords = SquadBench.AnswerWords };
        var best = (await evaluation.AnswerAsync("tune", bestHits!, settings, SquadBench.AnswerHits, cancellationToken)).AnswerContainsGold;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answer with defaults: {best:0.000}"));
        embedder.Save(cachePath);
        var axes = new (string Name, double[] Values, Func<GroundedAnswerSettings, double, GroundedAnswerSettings> Set)[]
        {
            ("KeywordWeight", [0.5, 0.75, 1, 1.5, 2], (s, v) => s with { KeywordWeight = v }),
            ("SimilarityWeight", [0, 0.5, 1, 1.5, 2], (s, v) => s with { SimilarityWeight = v }),
            ("HitRankWeight", [0, 0.1, 0.2, 0.3, 0.5, 0.8], (s, v) => s with { HitRankWeight = v }),
            ("AnswerTypeWeight", [0, 0.1, 0.2, 0.3, 0.5], (s, v) => s with { AnswerTypeWeight = v }),
            ("SecondSentenceMargin", [0, 0.05, 0.1, 0.15, 0.25, 0.4], (s, v) => s with { SecondSentenceMargin = v }),
            ("HitsConsidered", [2, 3, 4, 5], (s, v) => s with { HitsConsidered = (int)v }),
        };
        for (var round = 0; round < 2; round++)
        {
            foreach (var (name, values, set) in axes)
            {
                foreach (var value in values)
                {
                    var candidate = set(settings, value);
                    var score = (await evaluation.AnswerAsync("tune", bestHits!, candidate, SquadBench.AnswerHits, cancellationToken)).AnswerContainsGold;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}={value}: {score:0.000}"));
                    if (score > best + 1e-9)
                    {
                        (best, settings) = (score, candidate);
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after round {round + 1}: {best:0.000} with {settings}"));
        }
    }
}
