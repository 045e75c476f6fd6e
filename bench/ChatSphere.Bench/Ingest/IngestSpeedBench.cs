using System.Diagnostics;
using System.Globalization;
using ChatSphere.Bench.Squad;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ingestion;
using ChatSphere.Grains.Ingestion.Chunking;
using ChatSphere.Grains.Ingestion.Parsing;
using ChatSphere.Grains.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench.Ingest;

/// <summary>What the ingestion speed bench measured: chunks per second end to end and for the bare encoder.</summary>
public sealed record IngestSpeedResult(int Chunks, double ChunksPerSecond, double EncoderChunksPerSecond)
{
    public double Ratio => ChunksPerSecond / EncoderChunksPerSecond;
}

/// <summary>
/// Ingestion throughput of the product with the embedded model, against the bare encoder on the same chunk texts in
/// the same run and the same server process. End to end: SQuAD articles are added as text sources of a fresh bot
/// over REST, and the clock stops when every one is indexed (the product's pipeline parsed, chunked, embedded with
/// MiniLM, stored the chunks and indexed them for search). The encoder alone: the texts the pipeline embeds for those
/// same chunks (computed here with the pipeline's own parser, chunker and embedding text), in the pipeline's batch
/// size, through <c>POST /api/v1/embeddings</c> of the same server, which hands them to the same model instance. Three
/// rounds each run both sides back to back (in alternating order); the round with the median ratio is reported, so a
/// burst of load from other processes does not decide the ratio.
/// </summary>
public static class IngestSpeedBench
{
    private const int Rounds = 3;

    /// <summary>The batch size the pipeline embeds in with the embedded model (ChatSphere:Knowledge:Embeddings:BatchSize's default).</summary>
    private static readonly int EmbedBatch = new KnowledgeEmbeddingOptions().BatchSize;
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(30);

    public static async Task<IngestSpeedResult> RunAsync(ProductServer server, IReadOnlyList<SquadDocument> documents, CancellationToken cancellationToken)
    {
        var settings = new KnowledgeSettings();
        var texts = EmbeddedTexts(documents, settings);
        using var generator = new MiniLmEmbeddingGenerator();
        var model = (generator.GetService(typeof(EmbeddingGeneratorMetadata)) as EmbeddingGeneratorMetadata)?.DefaultModelId
            ?? throw new InvalidOperationException("The MiniLM generator names no model.");
        // The server loads its model and compiles both paths on a first, unmeasured source and batch.
        await EndToEndAsync(server, documents.Take(1).ToArray(), settings, "warm-up", cancellationToken);
        await server.EmbedAsync(model, texts.Take(EmbedBatch).ToArray(), cancellationToken);

        var rounds = new List<(double Encoder, double EndToEnd)>();
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate which side goes first, so a drift in the machine's load favours neither.
            double encoderRate = 0, endToEndRate = 0;
            foreach (var encoderSide in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                if (encoderSide)
                {
                    var watch = Stopwatch.StartNew();
                    foreach (var batch in texts.Chunk(EmbedBatch))
                    {
                        await server.EmbedAsync(model, batch, cancellationToken);
                    }

                    encoderRate = texts.Count / watch.Elapsed.TotalSeconds;
                }
                else
                {
                    var (chunks, seconds) = await EndToEndAsync(server, documents, settings, $"round {round + 1}", cancellationToken);
                    if (chunks != texts.Count)
                    {
                        throw new InvalidOperationException($"The product cut {chunks} chunks where its chunker run here cuts {texts.Count}: the two sides would not embed the same texts.");
                    }

                    endToEndRate = chunks / seconds;
                }
            }

            rounds.Add((encoderRate, endToEndRate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: encoder {encoderRate:N1} chunks/s, end to end {endToEndRate:N1} chunks/s, ratio {endToEndRate / encoderRate:0.000}"));
        }

        // The median round by ratio: each round compares two runs made back to back, under the same load.
        var median = rounds.OrderBy(r => r.EndToEnd / r.Encoder).ElementAt(rounds.Count / 2);
        return new IngestSpeedResult(texts.Count, median.EndToEnd, median.Encoder);
    }

    /// <summary>The texts the pipeline embeds for these articles as text sources, in its order.</summary>
    private static IReadOnlyList<string> EmbeddedTexts(IReadOnlyList<SquadDocument> documents, KnowledgeSettings settings)
    {
        var maxCharacters = new IngestionOptions().MaxCharactersPerDocument;
        return documents.SelectMany(d =>
        {
            var parsed = MarkdownParser.Parse(d.Text, d.Title, maxCharacters) with { Title = d.Title };
            // A page's repeated chunk text is embedded once.
            return TextChunker.Split(parsed, settings.ChunkTokens, settings.OverlapTokens, ModelTokenizer.MiniLm)
                .Select(piece => ChunkEmbeddingText.Of(parsed.Title, piece.HeadingPath, piece.Text))
                .Distinct(StringComparer.Ordinal);
        }).ToArray();
    }

    /// <summary>Adds the articles to a fresh bot and waits until all are indexed: the chunks and the seconds it took.</summary>
    private static async Task<(int Chunks, double Seconds)> EndToEndAsync(
        ProductServer server, IReadOnlyList<SquadDocument> documents, KnowledgeSettings settings, string name, CancellationToken cancellationToken)
    {
        var bot = await server.CreateBotAsync($"Ingest bench, {name}", settings.ChunkTokens, settings.OverlapTokens, cancellationToken);
        var watch = Stopwatch.StartNew();
        var sourceIds = new List<string>(documents.Count);
        foreach (var document in documents)
        {
            sourceIds.Add(await bot.AddTextAsync(document.Title, document.Text, cancellationToken));
        }

        await bot.WaitIndexedAsync(sourceIds, IngestTimeout, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        return ((await bot.IndexedSourcesAsync(sourceIds, cancellationToken)).Sum(s => s.Chunks), seconds);
    }
}
