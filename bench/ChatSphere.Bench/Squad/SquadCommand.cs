using System.CommandLine;
using ChatSphere.Bench.Cli;
using ChatSphere.Bench.Reporting;
using ChatSphere.Bench.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The <c>squad</c> command: knowledge-base quality on SQuAD (tune and held-out sets) through the product's ingestion
/// and search, answers from its chat API; <c>--own-chunks</c> for the bench's own paragraph index as a comparison, <c>--sweep</c> to tune the
/// answer composer on tune.jsonl.
/// </summary>
public static class SquadCommand
{
    public static Command Build(string[] args, Option<string?> repo, Func<ParseResult, string, string> output, Option<bool> noWrite, Option<bool> noBuild)
    {
        var sets = new Option<string[]>("--set") { Description = "Question sets to score (tune, heldout)", AllowMultipleArgumentsPerToken = true };
        var questions = new Option<int?>("--questions") { Description = "Score only the first N questions of each set (a quick check; writes nothing)" };
        var chunkTokens = new Option<int>("--chunk-tokens") { Description = "The bot's chunk size in tokens", DefaultValueFactory = _ => SquadBench.TunedChunkTokens };
        var overlapTokens = new Option<int>("--overlap-tokens") { Description = "The bot's chunk overlap in tokens", DefaultValueFactory = _ => SquadBench.TunedOverlapTokens };
        var ownChunks = new Option<bool>("--own-chunks") { Description = "Compare: the bench's own one-chunk-per-paragraph index instead of the product (prints, writes nothing)" };
        var sweep = new Option<bool>("--sweep") { Description = "Tune the answer composer on tune.jsonl over the bench's own index and print the results (writes nothing)" };
        var cache = new Option<string?>("--embedding-cache") { Description = "A file of embeddings to reuse and extend (exact MiniLM outputs by text); speeds up repeated runs" };
        var sweepChunking = new Option<bool>("--sweep-chunking") { Description = "Tune the bot's chunk settings on tune.jsonl through the product: one bot per setting (prints, writes nothing)" };
        var sweepRetrieval = new Option<bool>("--sweep-retrieval") { Description = "Tune retrieval settings alone on tune.jsonl over the bench's own index, from cached embeddings (prints)" };
        var command = new Command("squad", "Knowledge quality on SQuAD v1.1 dev through the product's ingestion, search and chat API: retrieval hit@k and MRR, and chat replies that contain a gold answer")
        {
            sets, questions, chunkTokens, overlapTokens, ownChunks, sweep, sweepChunking, sweepRetrieval, cache,
        };
        command.SetAction(async (parse, ct) =>
        {
            var context = RunContext.Capture(args);
            var root = RepoRoot.Find(parse.GetValue(repo));
            Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
            if (parse.GetValue(sweepRetrieval))
            {
                await SquadSweep.RetrievalAsync(root, ct);
                return 0;
            }

            if (parse.GetValue(sweep))
            {
                await SquadSweep.RunAsync(root, ct);
                return 0;
            }

            var plan = new SquadPlan(
                parse.GetValue(sets) is { Length: > 0 } given ? given : ["tune", "heldout"],
                parse.GetValue(questions),
                parse.GetValue(chunkTokens),
                parse.GetValue(overlapTokens),
                parse.GetValue(cache),
                Build: !parse.GetValue(noBuild));
            if (parse.GetValue(sweepChunking))
            {
                await SquadBench.SweepChunkingAsync(root, plan, [(200, 30), (200, 0), (128, 0), (254, 0), (96, 0)], ct);
                return 0;
            }

            if (parse.GetValue(ownChunks))
            {
                await SquadBench.RunOwnChunksAsync(root, plan, ct);
                return 0;
            }

            var results = await SquadBench.RunAsync(root, plan, ct);
            // A subset or non-default chunking is a check or a tuning run, not the figure of record.
            var isRecord = plan.QuestionLimit is null && plan.ChunkTokens == SquadBench.TunedChunkTokens && plan.OverlapTokens == SquadBench.TunedOverlapTokens;
            if (!parse.GetValue(noWrite) && isRecord)
            {
                var figures = new KnowledgeFigures(context);
                SquadBench.AddMetrics(results, figures.Add);
                figures.Write(output(parse, root));
            }
            else if (!isRecord)
            {
                Console.WriteLine("A subset or non-default chunking: nothing written.");
            }

            return 0;
        });
        return command;
    }
}
