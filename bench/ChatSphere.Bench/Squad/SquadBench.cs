using System.Globalization;
using ChatSphere.Bench.Servers;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>What the <c>squad</c> command runs: which sets, how many of their questions, and the bot's chunk settings.</summary>
public sealed record SquadPlan(IReadOnlyList<string> Sets, int? QuestionLimit, int ChunkTokens, int OverlapTokens, string? EmbeddingCache, bool Build);

/// <summary>
/// The knowledge-base quality benchmark: the SQuAD dev articles become one bot's knowledge through the product (a
/// ChatSphere server the bench starts: text sources over REST, the ingestion pipeline, the knowledge grain's hybrid
/// search), then each question of tune.jsonl and heldout.jsonl is searched over REST (gold-paragraph hit@1/5/10, MRR)
/// and asked of the bot through the chat API, each in a new conversation; the bot answers with the product's defaults
/// (the embedded answerer, at most 40 words), and the figure is whether its reply contains a gold answer.
/// </summary>
public static class SquadBench
{
    public const int AnswerWords = 40;

    /// <summary>Hits the comparison paths (own chunks, composer sweeps) hand the composer, as the knowledge grain hands them.</summary>
    public const int AnswerHits = 5;

    /// <summary>
    /// The chunk settings the bench gives its bot: the product's defaults, which is what a customer's bot gets. A sweep on
    /// the first 400 questions of tune.jsonl (<c>squad --sweep-chunking</c>, 2026-11-25, a loaded machine) found no
    /// setting clearly better (answer contains gold / hit@5): 200/30 0.725/0.973, 200/0 0.733/0.968, 128/0 0.733/0.970,
    /// 254/0 0.723/0.973, 96/0 0.720/0.968; the spread is within one standard error (about 0.022 at 400 questions).
    /// </summary>
    public const int TunedChunkTokens = KnowledgeSettings.DefaultChunkTokens;

    public const int TunedOverlapTokens = KnowledgeSettings.DefaultOverlapTokens;

    public static async Task<IReadOnlyList<SquadResult>> RunAsync(string repo, SquadPlan plan, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = Embedder();
        if (plan.EmbeddingCache is not null)
        {
            embedder.Load(plan.EmbeddingCache);
            Console.WriteLine($"{embedder.Count} cached embeddings loaded from {plan.EmbeddingCache}.");
        }

        if (plan.Build)
        {
            Console.WriteLine($"Building {ChatSphereLauncher.ApiProject} (Release)…");
            await ChatSphereLauncher.BuildAsync(repo, cancellationToken, widget: false);
        }

        await using var server = await ProductServer.StartAsync(repo, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ingesting the SQuAD articles through the product (chunks of {plan.ChunkTokens} tokens, overlap {plan.OverlapTokens})…"));
        var documents = SquadData.Documents(folder);
        var knowledge = await ProductSquadKnowledge.IngestAsync(server, documents, plan.ChunkTokens, plan.OverlapTokens, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{documents.Count} sources, {knowledge.Chunks:N0} chunks ({(double)knowledge.Characters / knowledge.Chunks:N0} characters each on average) indexed in {knowledge.Ingestion.TotalSeconds:N1} s ({knowledge.Chunks / knowledge.Ingestion.TotalSeconds:N1} chunks/s)."));

        var results = new List<SquadResult>();
        foreach (var set in plan.Sets)
        {
            var questions = Limit(SquadData.Questions(folder, set), plan.QuestionLimit);
            var retrievals = await knowledge.RetrieveAsync(questions, cancellationToken);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var replies = await knowledge.AskAsync(questions, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{set}: {questions.Count} questions asked through the chat API in {watch.Elapsed.TotalSeconds:N1} s ({questions.Count / watch.Elapsed.TotalSeconds:N1} replies/s)."));
            var result = SquadAnswers.Score(set, retrievals, replies);
            Print(result);
            results.Add(result);
            if (plan.EmbeddingCache is not null)
            {
                embedder.Save(plan.EmbeddingCache);
            }
        }

        if (knowledge.Unlocated > 0)
        {
            throw new InvalidOperationException($"{knowledge.Unlocated} hits could not be placed in their article: the figures would undercount.");
        }

        return results;
    }

    /// <summary>
    /// Tuning on tune.jsonl only (prints, writes nothing): one server, one bot per chunk setting, each scored on the same
    /// questions, so the bot's chunk size and overlap can be chosen for the figure of record.
    /// </summary>
    public static async Task SweepChunkingAsync(string repo, SquadPlan plan, IReadOnlyList<(int ChunkTokens, int OverlapTokens)> settings, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = Embedder();
        if (plan.EmbeddingCache is not null)
        {
            embedder.Load(plan.EmbeddingCache);
        }

        if (plan.Build)
        {
            await ChatSphereLauncher.BuildAsync(repo, cancellationToken, widget: false);
        }

        var questions = Limit(SquadData.Questions(folder, "tune"), plan.QuestionLimit);
        await using var server = await ProductServer.StartAsync(repo, cancellationToken);
        foreach (var (chunkTokens, overlapTokens) in settings)
        {
            var knowledge = await ProductSquadKnowledge.IngestAsync(server, SquadData.Documents(folder), chunkTokens, overlapTokens, cancellationToken);
            var retrievals = await knowledge.RetrieveAsync(questions, cancellationToken);
            var result = SquadAnswers.Score($"tune {chunkTokens}/{overlapTokens}", retrievals, await knowledge.AskAsync(questions, cancellationToken));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chunks of {chunkTokens} tokens, overlap {overlapTokens}: {knowledge.Chunks:N0} chunks, ingested in {knowledge.Ingestion.TotalSeconds:N0} s"));
            Print(result);
            if (plan.EmbeddingCache is not null)
            {
                embedder.Save(plan.EmbeddingCache);
            }
        }
    }

    /// <summary>
    /// For comparison only (prints, writes nothing): the same questions over the bench's own one-chunk-per-paragraph
    /// index (<see cref="SquadCorpus"/>), which is what the figures were before the product's pipeline was measured.
    /// </summary>
    public static async Task RunOwnChunksAsync(string repo, SquadPlan plan, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var embedder = Embedder();
        if (plan.EmbeddingCache is not null)
        {
            embedder.Load(plan.EmbeddingCache);
        }

        Console.WriteLine("Own paragraph chunks (comparison, not the product's pipeline): indexing…");
        using var corpus = await SquadCorpus.BuildAsync(SquadData.Documents(folder), embedder, cancellationToken);
        var evaluation = new SquadEvaluation(corpus, embedder);
        foreach (var set in plan.Sets)
        {
            var retrievals = await evaluation.RetrieveAsync(Limit(SquadData.Questions(folder, set), plan.QuestionLimit), new RetrievalOptions(), cancellationToken);
            var result = await evaluation.AnswerAsync("own-" + set, retrievals, Answering, AnswerHits, cancellationToken);
            Print(result);
            if (plan.EmbeddingCache is not null)
            {
                embedder.Save(plan.EmbeddingCache);
            }
        }
    }

    public static void AddMetrics(IReadOnlyList<SquadResult> results, Action<string, double, string> add)
    {
        foreach (var result in results)
        {
            var prefix = $"squad.{result.Set}.";
            add(prefix + "hit_at_1", result.HitAt1, "share");
            add(prefix + "hit_at_5", result.HitAt5, "share");
            add(prefix + "hit_at_5_strict", result.StrictHitAt5, "share");
            add(prefix + "hit_at_10", result.HitAt10, "share");
            add(prefix + "mrr", result.Mrr, "share");
            add(prefix + "answer_contains_gold", result.AnswerContainsGold, "share");
            add(prefix + "answer_words_mean", result.AnswerWordsMean, "words");
            add(prefix + "fallback_rate", (double)result.Fallbacks / result.Questions, "share");
        }
    }

    public static void Print(SquadResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Set,-8} n={r.Questions} hit@1 {r.HitAt1:0.000} hit@5 {r.HitAt5:0.000} (strict {r.StrictHitAt5:0.000}) hit@10 {r.HitAt10:0.000} MRR {r.Mrr:0.000} | answer contains gold {r.AnswerContainsGold:0.000} (mean {r.AnswerWordsMean:0.0} words, longest {r.LongestAnswerWords}, fallbacks {r.Fallbacks}; best hit score p10 {r.TopScoreP10:0.00})"));

    /// <summary>MiniLM behind an exact cache: sentences recur across settings and sets.</summary>
    public static EmbeddingFileCache Embedder() => new(new MiniLmEmbeddingGenerator());

    /// <summary>The composer's settings on the comparison path (the product's replies come from the bot's own settings).</summary>
    private static GroundedAnswerSettings Answering => new() { MaxWords = AnswerWords };

    private static IReadOnlyList<SquadQuestion> Limit(IReadOnlyList<SquadQuestion> questions, int? limit) =>
        limit is { } n && n < questions.Count ? questions.Take(n).ToArray() : questions;
}
