using System.Globalization;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// Tuning on tune.jsonl only: retrieval settings first (by hit@5, then MRR), then the answer composer's weights one
/// at a time (coordinate ascent on answer-contains-gold). Prints what it tried; writes nothing.
/// </summary>
public static class SquadSweep
{
    public static async Task RunAsync(string repo, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = SquadBench.Embedder();
        var cachePath = Path.Combine(Path.GetTempPath(), "chatsphere-squad-embeddings.bin");
        embedder.Load(cachePath);
        using var corpus = await SquadCorpus.BuildAsync(SquadData.Documents(folder), embedder, cancellationToken);
        var evaluation = new SquadEvaluation(corpus, embedder);
        var questions = SquadData.Questions(folder, "tune");

        var bestRetrieval = new RetrievalOptions();
        var bestHits = (IReadOnlyList<SquadRetrieval>?)null;
        var bestKey = (-1.0, -1.0);
        var tries = new List<RetrievalOptions>
        {
            new() { VectorWeight = 0 },
            new() { VectorWeight = 1 },
            new() { Fusion = FusionMethod.ReciprocalRank },
        };
        tries.AddRange(new[] { 0.4, 0.5, 0.6, 0.7 }.Select(w => new RetrievalOptions { VectorWeight = w }));
        tries.AddRange(new[] { 0.1, 0.2, 0.3, 0.5 }.SelectMany(s => new[] { 0.5, 0.6, 0.7 }.Select(w => new RetrievalOptions { VectorWeight = w, SentenceWeight = s })));
        foreach (var options in tries)
        {
            var retrievals = await evaluation.RetrieveAsync(questions, options, cancellationToken);
            var key = (SquadEvaluation.HitAt(retrievals, 5), retrievals.Average(r => r.FirstHit > 0 ? 1.0 / r.FirstHit : 0));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"retrieval {options.Fusion} w={options.VectorWeight:0.00}: hit@1 {SquadEvaluation.HitAt(retrievals, 1):0.000} hit@5 {key.Item1:0.000} hit@10 {SquadEvaluation.HitAt(retrievals, 10):0.000} MRR {key.Item2:0.000}"));
            if (key.CompareTo(bestKey) > 0)
            {
                (bestKey, bestRetrieval, bestHits) = (key, options, retrievals);
            }
        }

        Console.WriteLine($"best retrieval: {bestRetrieval}");
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
            ("PhraseWeight", [0, 0.1, 0.2, 0.3, 0.5], (s, v) => s with { PhraseWeight = v }),
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
