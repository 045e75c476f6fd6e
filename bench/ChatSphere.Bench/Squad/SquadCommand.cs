using System.CommandLine;
using ChatSphere.Bench.Cli;
using ChatSphere.Bench.Reporting;
using ChatSphere.Bench.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>The <c>squad</c> command: knowledge-base quality on SQuAD (tune and held-out sets), or <c>--sweep</c> to tune on tune.jsonl.</summary>
public static class SquadCommand
{
    public static Command Build(string[] args, Option<string?> repo, Func<ParseResult, string, string> output, Option<bool> noWrite)
    {
        var sets = new Option<string[]>("--set") { Description = "Question sets to score (tune, heldout)", AllowMultipleArgumentsPerToken = true };
        var sweep = new Option<bool>("--sweep") { Description = "Tune retrieval and answer settings on tune.jsonl and print the results (writes nothing)" };
        var cache = new Option<string?>("--embedding-cache") { Description = "A file of embeddings to reuse and extend (exact MiniLM outputs by text); speeds up repeated runs" };
        var sweepRetrieval = new Option<bool>("--sweep-retrieval") { Description = "Tune retrieval settings alone on tune.jsonl, from cached embeddings (prints)" };
        var command = new Command("squad", "Knowledge quality on SQuAD v1.1 dev: retrieval hit@k and MRR, and answers that contain a gold answer") { sets, sweep, sweepRetrieval, cache };
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

            var chosen = parse.GetValue(sets) is { Length: > 0 } given ? given : ["tune", "heldout"];
            var results = await SquadBench.RunAsync(root, chosen, parse.GetValue(cache), ct);
            if (!parse.GetValue(noWrite))
            {
                var figures = new KnowledgeFigures(context);
                SquadBench.AddMetrics(results, figures.Add);
                figures.Write(output(parse, root));
            }

            return 0;
        });
        return command;
    }
}
