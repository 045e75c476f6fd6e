using System.Diagnostics;
using System.Globalization;
using ChatSphere.Bench.Squad;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSphere.Bench.Retrieval;

/// <summary>What the retrieval speed bench measured.</summary>
public sealed record RetrievalSpeedResult(int Chunks, double IndexSeconds, double P50Ms, double P99Ms, double VectorP99Ms, double KeywordP99Ms, double RecallAt10, double BytesPerChunk, bool UsesHnsw);

/// <summary>
/// Hybrid retrieval over one bot of N chunks (default 100,000): build time, memory per chunk (process resident set
/// growth, which counts the native HNSW graph), hybrid search latency p50/p99 with SQuAD questions as queries, and
/// the HNSW's recall@10 against exact search over the same vectors. This is the knowledge grain's search path
/// (<c>HybridKnowledgeRetriever</c> calls the same <see cref="HybridRetriever"/> over the same store with the default
/// options) after the query's embedding, which MiniLM adds on top, and before the hits' rows are read from the chunk table.
/// </summary>
public static class RetrievalSpeedBench
{
    private const int BatchSize = 1000;

    public static async Task<RetrievalSpeedResult> RunAsync(string repo, int chunkCount, int queryCount, CancellationToken cancellationToken)
    {
        var folder = SquadData.Folder(repo);
        var synthetic = new SyntheticChunks(SquadData.Documents(folder));
        var questions = SquadData.Questions(folder, "tune").Select(q => q.Question).ToArray();
        var root = Path.Combine(Path.GetTempPath(), $"chatsphere-retrieval-{Guid.NewGuid():N}");
        try
        {
            Settle();
            var before = Process.GetCurrentProcess().WorkingSet64;
            using var store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Folder = Path.Combine(root, "hnsw"), SaveAfterChanges = int.MaxValue }, NullLogger<EmbeddedVectorStore>.Instance);
            var retriever = new HybridRetriever(store, "bench");
            var watch = Stopwatch.StartNew();
            for (var start = 0; start < chunkCount; start += BatchSize)
            {
                var batch = Enumerable.Range(start, Math.Min(BatchSize, chunkCount - start)).Select(synthetic.Chunk).ToArray();
                await retriever.IndexAsync(batch, cancellationToken);
            }

            var indexSeconds = watch.Elapsed.TotalSeconds;
            Settle();
            var bytesPerChunk = (double)(Process.GetCurrentProcess().WorkingSet64 - before) / chunkCount;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {chunkCount:N0} chunks in {indexSeconds:N1} s ({chunkCount / indexSeconds:N0}/s), {bytesPerChunk:N0} bytes each."));

            var random = new Random(42);
            var options = new RetrievalOptions();
            var hybrid = new List<double>(queryCount);
            var vectorOnly = new List<double>(queryCount);
            var keywordOnly = new List<double>(queryCount);
            for (var i = -100; i < queryCount; i++)
            {
                var question = questions[(i + 100) % questions.Length];
                var vector = synthetic.Query(random);
                var t0 = Stopwatch.GetTimestamp();
                await retriever.SearchAsync(question, vector, options, cancellationToken);
                var t1 = Stopwatch.GetTimestamp();
                await store.QueryAsync("bench", new VectorQuery(vector, options.CandidatePool), cancellationToken);
                var t2 = Stopwatch.GetTimestamp();
                await retriever.SearchAsync(question, null, options, cancellationToken);
                var t3 = Stopwatch.GetTimestamp();
                if (i >= 0)
                {
                    hybrid.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                    vectorOnly.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                    keywordOnly.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
                }
            }

            var recall = await RecallAsync(store, synthetic, root, chunkCount, cancellationToken);
            return new RetrievalSpeedResult(chunkCount, indexSeconds, Percentile(hybrid, 50), Percentile(hybrid, 99), Percentile(vectorOnly, 99), Percentile(keywordOnly, 99), recall, bytesPerChunk, store.UsesHnsw("bench"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>Recall@10 of the store's index against exact search over the same vectors, on 200 queries.</summary>
    private static async Task<double> RecallAsync(EmbeddedVectorStore store, SyntheticChunks synthetic, string root, int chunkCount, CancellationToken cancellationToken)
    {
        using var exact = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Folder = Path.Combine(root, "exact"), ExactSearchLimit = int.MaxValue, SaveAfterChanges = int.MaxValue }, NullLogger<EmbeddedVectorStore>.Instance);
        for (var start = 0; start < chunkCount; start += BatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(BatchSize, chunkCount - start)).Select(i => new VectorRecord($"chunk-{i}", synthetic.Vector(i), "s")).ToArray();
            await exact.UpsertAsync("bench", batch, cancellationToken);
        }

        var random = new Random(99);
        var found = 0;
        const int queries = 200;
        for (var q = 0; q < queries; q++)
        {
            var query = new VectorQuery(synthetic.Query(random), 10);
            var truth = (await exact.QueryAsync("bench", query, cancellationToken)).Select(m => m.Id).ToHashSet();
            found += (await store.QueryAsync("bench", query, cancellationToken)).Count(m => truth.Contains(m.Id));
        }

        return found / (queries * 10.0);
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
