using System.CommandLine;
using System.Globalization;
using ChatSphere.Bench.Cli;
using ChatSphere.Bench.Reporting;
using ChatSphere.Bench.Retrieval;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Dashboard;

/// <summary>The <c>dashboard</c> command: the bots list's time to interactive after navigation on the embedded run.</summary>
public static class DashboardCommand
{
    public static Command Build(string[] args, Option<string?> repo, Func<ParseResult, string, string> output, Option<bool> noWrite, Option<bool> noBuild)
    {
        var navigations = new Option<int>("--navigations") { Description = "Timed full page loads of /chatbots", DefaultValueFactory = _ => 20 };
        var bots = new Option<int>("--bots") { Description = "Chatbots in the list", DefaultValueFactory = _ => 5 };
        var command = new Command("dashboard", "The dashboard's bots list: ms from navigation start to the table shown and its first link focusable (p50, p95)")
        {
            navigations, bots,
        };
        command.SetAction(async (parse, ct) =>
        {
            var context = RunContext.Capture(args);
            var root = RepoRoot.Find(parse.GetValue(repo));
            Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
            if (!parse.GetValue(noBuild))
            {
                Console.WriteLine($"Building {ChatSphereLauncher.ApiProject} (Release, with the dashboard)…");
                await ChatSphereLauncher.BuildAsync(root, ct);
            }

            var result = await BotsListBench.RunAsync(root, Math.Max(1, parse.GetValue(navigations)), Math.Max(1, parse.GetValue(bots)), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bots list interactive after navigation ({result.Navigations} loads, {result.Bots} bots): p50 {result.P50Ms:N0} ms, p95 {result.P95Ms:N0} ms (min {result.MinMs:N0}, max {result.MaxMs:N0})"));
            if (!parse.GetValue(noWrite))
            {
                var figures = new KnowledgeFigures(context);
                figures.Add("dashboard.bots_list_interactive_p50_ms", result.P50Ms, "ms");
                figures.Add("dashboard.bots_list_interactive_p95_ms", result.P95Ms, "ms");
                figures.Write(output(parse, root));
            }

            return 0;
        });
        return command;
    }
}
