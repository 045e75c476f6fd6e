using System.CommandLine;
using ChatSphere.Bench.Cli;
using ChatSphere.Bench.Reporting;

namespace ChatSphere.Bench.Soak;

/// <summary>The <c>soak</c> command: <see cref="SoakRun"/>, printed and optionally written to docs/soak.md.</summary>
public static class SoakCommand
{
    public static Command Build(string[] args, Option<string?> repo)
    {
        var minutes = new Option<int>("--minutes") { Description = "How long the traffic runs", DefaultValueFactory = _ => 30 };
        var conversations = new Option<int>("--conversations") { Description = "Concurrent conversations, half on each API node", DefaultValueFactory = _ => 300 };
        var interval = new Option<double>("--interval") { Description = "Mean seconds between one conversation's asks", DefaultValueFactory = _ => 5 };
        var configuration = new Option<string>("--configuration") { Description = "Which build of silo/ and api/ to run (build it first)", DefaultValueFactory = _ => "Release" };
        configuration.AcceptOnlyFromAmong("Release", "Debug");
        var writeDocs = new Option<bool>("--write-docs") { Description = "Write the figures into docs/soak.md" };
        var command = new Command("soak", "Open-loop traffic across two API nodes of the cluster shape for a long time, with memory, latency and errors every minute")
        {
            minutes, conversations, interval, configuration, writeDocs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var context = RunContext.Capture(args);
            var root = RepoRoot.Find(parse.GetValue(repo));
            Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
            var result = await SoakRun.RunAsync(root, parse.GetValue(configuration)!, parse.GetValue(conversations),
                TimeSpan.FromSeconds(parse.GetValue(interval)), TimeSpan.FromMinutes(parse.GetValue(minutes)), Console.WriteLine, ct);
            var markdown = result.Markdown(context.Machine);
            Console.WriteLine(markdown);
            if (parse.GetValue(writeDocs))
            {
                await File.WriteAllTextAsync(Path.Combine(root, "docs", "soak.md"), markdown, ct);
            }

            return 0;
        });
        return command;
    }
}
