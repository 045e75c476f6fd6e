using System.CommandLine;
using System.Globalization;
using ChatSphere.Bench.Cli;
using ChatSphere.Bench.Ingest;
using ChatSphere.Bench.Reporting;
using ChatSphere.Bench.Servers;
using ChatSphere.Bench.Squad;

namespace ChatSphere.Bench.Retrieval;

/// <summary>The <c>retrieval</c> command: retrieval latency, recall and memory over N chunks, and ingestion throughput against the bare encoder.</summary>
public static class RetrievalCommands
{
    public static Command Build(string[] args, Option<string?> repo, Func<ParseResult, string, string> output, Option<bool> noWrite, Option<bool> noBuild)
    {
        var chunks = new Option<int>("--chunks") { Description = "Chunks in the bot searched (0 skips the retrieval figures)", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Timed hybrid searches", DefaultValueFactory = _ => 2_000 };
        var ingestDocs = new Option<int>("--ingest-docs") { Description = "SQuAD articles ingested through the product for the throughput figure (0 skips it)", DefaultValueFactory = _ => 48 };
        var command = new Command("retrieval", "Retrieval p50/p99, recall@10 and bytes per chunk over 100k chunks; ingestion chunks/s through the product against the encoder") { chunks, queries, ingestDocs };
        command.SetAction(async (parse, ct) =>
        {
            var context = RunContext.Capture(args);
            var root = RepoRoot.Find(parse.GetValue(repo));
            Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
            var figures = new KnowledgeFigures(context);
            if (parse.GetValue(ingestDocs) > 0)
            {
                if (!parse.GetValue(noBuild))
                {
                    Console.WriteLine($"Building {ChatSphereLauncher.ApiProject} (Release)…");
                    await ChatSphereLauncher.BuildAsync(root, ct, widget: false);
                }

                var documents = SquadData.Documents(SquadData.Folder(root)).Take(parse.GetValue(ingestDocs)).ToArray();
                IngestSpeedResult ingest;
                await using (var server = await ProductServer.StartAsync(root, ct))
                {
                    ingest = await IngestSpeedBench.RunAsync(server, documents, ct);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: {ingest.ChunksPerSecond:N1} chunks/s end to end, encoder {ingest.EncoderChunksPerSecond:N1} chunks/s, ratio {ingest.Ratio:0.000}"));
                figures.Add("ingest.chunks_per_s", ingest.ChunksPerSecond, "chunks/s");
                figures.Add("ingest.encoder_chunks_per_s", ingest.EncoderChunksPerSecond, "chunks/s");
                figures.Add("ingest.ratio_to_encoder", ingest.Ratio, "ratio");
            }

            if (parse.GetValue(chunks) > 0)
            {
                var speed = await RetrievalSpeedBench.RunAsync(root, parse.GetValue(chunks), parse.GetValue(queries), ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"retrieval over {speed.Chunks:N0} chunks ({(speed.UsesHnsw ? "HNSW" : "exact")}): hybrid p50 {speed.P50Ms:0.000} ms, p99 {speed.P99Ms:0.000} ms (vector p99 {speed.VectorP99Ms:0.000}, keyword p99 {speed.KeywordP99Ms:0.000}), recall@10 {speed.RecallAt10:0.000}, {speed.BytesPerChunk:N0} bytes/chunk, indexed in {speed.IndexSeconds:N1} s"));
                var suffix = speed.Chunks == 100_000 ? "100k" : $"{speed.Chunks / 1000}k";
                figures.Add($"retrieval.p50_ms_{suffix}", speed.P50Ms, "ms");
                figures.Add($"retrieval.p99_ms_{suffix}", speed.P99Ms, "ms");
                figures.Add("retrieval.recall_at_10", speed.RecallAt10, "share");
                figures.Add("retrieval.bytes_per_chunk", speed.BytesPerChunk, "bytes");
                figures.Add("retrieval.index_chunks_per_s", speed.Chunks / speed.IndexSeconds, "chunks/s");
            }

            if (!parse.GetValue(noWrite))
            {
                figures.Write(output(parse, root));
            }

            return 0;
        });
        return command;
    }
}
