using System.Diagnostics;
using System.Globalization;
using ChatSphere.Bench.Squad;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSphere.Bench.Ingest;

/// <summary>What the ingestion speed bench measured: chunks per second end to end and for the bare encoder.</summary>
public sealed record IngestSpeedResult(int Chunks, double ChunksPerSecond, double EncoderChunksPerSecond)
{
    public double Ratio => ChunksPerSecond / EncoderChunksPerSecond;
}

/// <summary>
/// Ingestion throughput with the embedded model, against the bare encoder on the same chunk texts in the same run:
/// end to end is chunking, embedding (MiniLM) and indexing (BM25 and the embedded vector store, saved at the end),
/// with the next batch embedding while the last one is indexed. Three rounds each run both sides back to back (in
/// alternating order); the round with the median ratio is reported, so a burst of load from other processes does
/// not decide the ratio.
/// </summary>
public static class IngestSpeedBench
{
    private const int BatchSize = 64;
    private const int Rounds = 3;

    public static async Task<IngestSpeedResult> RunAsync(string repo, int chunkCount, CancellationToken cancellationToken)
    {
        var documents = SquadData.Documents(SquadData.Folder(repo));
        var embedder = new MiniLmEmbeddingGenerator();
        var texts = documents.SelectMany(ParagraphChunker.Chunk).Take(chunkCount).Select(c => c.Chunk.Text).ToArray();
        await embedder.GenerateAsync(texts.Take(32), cancellationToken: cancellationToken);

        var rounds = new List<(double Encoder, double EndToEnd)>();
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate which side goes first, so a drift in the machine's load favours neither.
            double encoderRate = 0, endToEndRate = 0;
            foreach (var side in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                if (side == 0)
                {
                    // The encoder alone, fed the same batches the pipeline feeds it.
                    var watch = Stopwatch.StartNew();
                    foreach (var batch in texts.Chunk(BatchSize))
                    {
                        await embedder.GenerateAsync(batch, cancellationToken: cancellationToken);
                    }

                    encoderRate = texts.Length / watch.Elapsed.TotalSeconds;
                }
                else
                {
                    endToEndRate = chunkCount / await EndToEndAsync(documents, chunkCount, embedder, cancellationToken);
                }
            }

            rounds.Add((encoderRate, endToEndRate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: encoder {encoderRate:N1} chunks/s, end to end {endToEndRate:N1} chunks/s, ratio {endToEndRate / encoderRate:0.000}"));
        }

        // The median round by ratio: each round compares two runs made back to back, under the same load.
        var median = rounds.OrderBy(r => r.EndToEnd / r.Encoder).ElementAt(rounds.Count / 2);
        var encoder = median.Encoder;
        var endToEnd = median.EndToEnd;
        return new IngestSpeedResult(chunkCount, endToEnd, encoder);
    }

    /// <summary>
    /// Chunks, embeds and indexes the documents into a fresh bot; the seconds it took. This is the one place that
    /// stands in for the ingestion pipeline.
    /// </summary>
    private static async Task<double> EndToEndAsync(IReadOnlyList<SquadDocument> documents, int chunkCount, MiniLmEmbeddingGenerator embedder, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"chatsphere-ingest-{Guid.NewGuid():N}");
        try
        {
            using var store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Folder = folder }, NullLogger<EmbeddedVectorStore>.Instance);
            var retriever = new HybridRetriever(store, "ingest");
            var watch = Stopwatch.StartNew();
            var batches = documents.SelectMany(ParagraphChunker.Chunk).Take(chunkCount).Select(c => c.Chunk).Chunk(BatchSize);
            Task indexing = Task.CompletedTask;
            foreach (var batch in batches)
            {
                var embeddings = await embedder.GenerateAsync(batch.Select(c => c.Text), cancellationToken: cancellationToken);
                await indexing;
                var embedded = batch.Select((c, i) => c with { Embedding = embeddings[i].Vector.ToArray() }).ToArray();
                indexing = Task.Run(() => retriever.IndexAsync(embedded, cancellationToken), cancellationToken);
            }

            await indexing;
            await store.FlushAsync("ingest", cancellationToken);
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
