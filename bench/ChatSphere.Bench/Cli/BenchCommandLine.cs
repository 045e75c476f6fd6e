using System.CommandLine;
using ChatSphere.Bench.Bare;
using ChatSphere.Bench.Load;
using ChatSphere.Bench.Reporting;
using ChatSphere.Bench.Runs;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Cli;

/// <summary>The bench's commands: all, closed, open, memory (measure and report) and bare-server (host the baseline).</summary>
public static class BenchCommandLine
{
    private static readonly Option<int> Seconds = Positive("--seconds", "Measured seconds of each load phase", 20);
    private static readonly Option<int> Warmup = NonNegative("--warmup", "Warm-up seconds before each load phase's window", 3);
    private static readonly Option<int> Tokens = Positive("--tokens", "Tokens in each reply (both servers)", 50);
    private static readonly Option<int> Attempts = Positive("--attempts", "Runs of a load phase at most while other processes disturb it", 2);
    private static readonly Option<string> Target = new("--target")
    {
        Description = "Which server to measure (a ratio needs both)",
        DefaultValueFactory = _ => "both",
        Recursive = true,
    };
    private static readonly Option<string?> Repo = new("--repo") { Description = "The repository (default: found from the current folder)", Recursive = true };
    private static readonly Option<string?> Output = new("--output") { Description = "benchmarks.json to merge into (default <repo>/docs/benchmarks.json); the .md beside it is regenerated", Recursive = true };
    private static readonly Option<bool> NoBuild = new("--no-build") { Description = "Use the existing Release build of api/", Recursive = true };
    private static readonly Option<bool> NoWrite = new("--no-write") { Description = "Print only; leave docs/ alone", Recursive = true };

    public static RootCommand Build(string[] args)
    {
        Target.AcceptOnlyFromAmong("chatsphere", "bare", "both");
        var root = new RootCommand("ChatSphere load benchmark: ChatSphere's widget hub against a bare SignalR hub, on loopback.")
        {
            Seconds, Warmup, Tokens, Attempts, Target, Repo, Output, NoBuild, NoWrite,
        };

        var sizes = new Option<int[]>("--n") { Description = "Concurrent conversations (repeat for several)", AllowMultipleArgumentsPerToken = true };
        var conversations = Positive("--conversations", "Open loop: concurrent conversations", 1000, recursive: false);
        var interval = new Option<double>("--interval") { Description = "Open loop: mean seconds between one conversation's asks", DefaultValueFactory = _ => 5 };
        var activations = Positive("--activations", "Idle conversations to start", 100_000, recursive: false);
        var connections = Positive("--connections", "Idle connections to open", 5_000, recursive: false);

        var all = new Command("all", "Closed loop at N = 100 and 1,000, the open loop, and memory, on both servers")
        {
            conversations, interval, activations, connections,
        };
        all.SetAction((parse, ct) => MeasureAsync(args, parse, load => Plan(parse, load) with
        {
            ClosedLoopSizes = [100, 1000],
            OpenLoopConversations = parse.GetValue(conversations),
            OpenLoopMeanInterval = TimeSpan.FromSeconds(parse.GetValue(interval)),
            IdleConversations = parse.GetValue(activations),
            IdleConnections = parse.GetValue(connections),
        }, ct));

        var closed = new Command("closed", "Closed loop: N conversations asking back to back") { sizes };
        closed.SetAction((parse, ct) => MeasureAsync(args, parse, load => Plan(parse, load) with
        {
            ClosedLoopSizes = parse.GetValue(sizes) is { Length: > 0 } n ? n : [100],
        }, ct));

        var open = new Command("open", "Open loop: conversations asking at Poisson-distributed moments") { conversations, interval };
        open.SetAction((parse, ct) => MeasureAsync(args, parse, load => Plan(parse, load) with
        {
            OpenLoopConversations = parse.GetValue(conversations),
            OpenLoopMeanInterval = TimeSpan.FromSeconds(parse.GetValue(interval)),
        }, ct));

        var memory = new Command("memory", "Memory per idle conversation activation and per idle connection") { activations, connections };
        memory.SetAction((parse, ct) => MeasureAsync(args, parse, load => Plan(parse, load) with
        {
            IdleConversations = parse.GetValue(activations),
            IdleConnections = parse.GetValue(connections),
        }, ct));

        var port = new Option<int>("--port") { Description = "Loopback port to listen on", Required = true };
        var bare = new Command("bare-server", "Host the bare hub at /hubs/chat (the bench starts this itself)") { port };
        bare.SetAction((parse, ct) => BareServer.RunAsync(parse.GetValue(port), parse.GetValue(Tokens), ct));

        var report = new Command("report", "Regenerate benchmarks.md from benchmarks.json without measuring");
        report.SetAction(parse => Report(parse));

        root.Add(all);
        root.Add(closed);
        root.Add(open);
        root.Add(memory);
        root.Add(bare);
        root.Add(report);
        root.Add(Overhead.OverheadCommand.Build(args, p => OutputPath(p, RepoRoot.Find(p.GetValue(Repo))), p => RepoRoot.Find(p.GetValue(Repo)), Seconds, Warmup, Tokens, NoBuild, NoWrite));
        root.Add(Squad.SquadCommand.Build(args, Repo, OutputPath, NoWrite, NoBuild));
        root.Add(Retrieval.RetrievalCommands.Build(args, Repo, OutputPath, NoWrite, NoBuild));
        root.Add(Failures.FailuresCommand.Build(args, Repo, NoBuild));
        root.Add(Dashboard.DashboardCommand.Build(args, Repo, OutputPath, NoWrite, NoBuild));
        root.Add(Soak.SoakCommand.Build(args, Repo));
        return root;
    }

    private static BenchPlan Plan(ParseResult parse, LoadSettings load) => new()
    {
        Servers = parse.GetValue(Target) switch
        {
            "chatsphere" => [ServerKind.ChatSphere],
            "bare" => [ServerKind.Bare],
            _ => [ServerKind.ChatSphere, ServerKind.Bare],
        },
        Load = load,
        Attempts = parse.GetValue(Attempts),
    };

    private static async Task<int> MeasureAsync(string[] args, ParseResult parse, Func<LoadSettings, BenchPlan> plan, CancellationToken cancellationToken)
    {
        try
        {
            var context = RunContext.Capture(args);
            var repo = RepoRoot.Find(parse.GetValue(Repo));
            var output = OutputPath(parse, repo);
            var load = new LoadSettings(TimeSpan.FromSeconds(parse.GetValue(Warmup)), TimeSpan.FromSeconds(parse.GetValue(Seconds)), parse.GetValue(Tokens));
            Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
            ClientGc.UseLowLatencyMode();

            var results = await BenchRunner.RunAsync(plan(load), repo, build: !parse.GetValue(NoBuild), cancellationToken);
            var metrics = MetricsBuilder.Build(results, context);
            ConsoleReport.Print(metrics, results);
            if (!parse.GetValue(NoWrite))
            {
                var all = BenchmarksJson.Merge(output, metrics);
                var markdown = Path.ChangeExtension(output, ".md");
                BenchmarksMarkdown.Write(markdown, all);
                Console.WriteLine($"Wrote {metrics.Count} figures into {output} and regenerated {markdown}.");
            }

            return 0;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The servers are stopped by now; say what went wrong without a stack trace.
            await Console.Error.WriteLineAsync($"The bench stopped: {failure.GetType().Name}: {failure.Message}");
            return 1;
        }
    }

    private static int Report(ParseResult parse)
    {
        try
        {
            var output = OutputPath(parse, RepoRoot.Find(parse.GetValue(Repo)));
            var markdown = Path.ChangeExtension(output, ".md");
            BenchmarksMarkdown.Write(markdown, BenchmarksJson.Read(output));
            Console.WriteLine($"Regenerated {markdown} from {output}.");
            return 0;
        }
        catch (Exception failure) when (failure is IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"The report failed: {failure.Message}");
            return 1;
        }
    }

    private static string OutputPath(ParseResult parse, string repo) =>
        parse.GetValue(Output) is { } given ? Path.GetFullPath(given) : Path.Combine(repo, "docs", "benchmarks.json");

    private static Option<int> Positive(string name, string description, int defaultValue, bool recursive = true)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, Recursive = recursive };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be 1 or more.");
            }
        });
        return option;
    }

    private static Option<int> NonNegative(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, Recursive = true };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"{name} must be 0 or more.");
            }
        });
        return option;
    }
}
