using System.CommandLine;
using ChatSphere.Bench.Load;
using ChatSphere.Bench.Reporting;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Overhead;

/// <summary>
/// <c>overhead</c>: the platform's own time per reply at N concurrent conversations with the instant model; writes
/// <c>models.overhead_p50_ms</c> and <c>models.overhead_p99_ms</c> (and the two halves) into docs/benchmarks.json.
/// </summary>
public static class OverheadCommand
{
    public static Command Build(string[] args, Func<ParseResult, string> outputPath, Func<ParseResult, string> repoRoot,
        Option<int> seconds, Option<int> warmup, Option<int> tokens, Option<bool> noBuild, Option<bool> noWrite)
    {
        var conversations = new Option<int>("--conversations") { Description = "Concurrent conversations", DefaultValueFactory = _ => 1000 };
        var interval = new Option<double>("--interval") { Description = "Mean seconds between one conversation's asks (0: back to back)", DefaultValueFactory = _ => 5 };
        var command = new Command("overhead", "ChatSphere's own time per reply around an instant model, p50/p99 at N conversations") { conversations, interval };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var context = RunContext.Capture(args);
                var repo = repoRoot(parse);
                Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
                ClientGc.UseLowLatencyMode();
                if (!parse.GetValue(noBuild))
                {
                    Console.WriteLine($"Building {ChatSphereLauncher.ApiProject} (Release)...");
                    await ChatSphereLauncher.BuildAsync(repo, ct);
                }

                var settings = new LoadSettings(TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(tokens));
                var n = parse.GetValue(conversations);
                TimeSpan? mean = parse.GetValue(interval) > 0 ? TimeSpan.FromSeconds(parse.GetValue(interval)) : null;
                await using var server = await ChatSphereLauncher.StartAsync(repo, settings.ExpectedTokens, ct);
                var pace = mean is { } m ? $"one ask each every {m.TotalSeconds:N1} s on average" : "asking back to back";
                Console.WriteLine($"  ChatSphere: overhead, N = {n:N0}, {pace}: {settings.Warmup.TotalSeconds:N0} s warm-up + {settings.Window.TotalSeconds:N0} s");
                var result = await OverheadProbe.RunAsync(server, n, mean, settings, ct);
                var metrics = Metrics(result, context);
                Print(result);
                if (!parse.GetValue(noWrite))
                {
                    var output = outputPath(parse);
                    var all = BenchmarksJson.Merge(output, metrics);
                    BenchmarksMarkdown.Write(Path.ChangeExtension(output, ".md"), all);
                    Console.WriteLine($"Wrote {metrics.Count} figures into {output}.");
                }

                return 0;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"The bench stopped: {failure.GetType().Name}: {failure.Message}");
                return 1;
            }
        });
        return command;
    }

    public static Dictionary<string, Metric> Metrics(OverheadResult r, RunContext context)
    {
        Metric Ms(double value) => new(Math.Round(value, 3), "ms", context.Command, context.Date, context.Machine);
        return new Dictionary<string, Metric>
        {
            ["models.overhead_p50_ms"] = Ms(r.Total.Percentile(0.50)),
            ["models.overhead_p99_ms"] = Ms(r.Total.Percentile(0.99)),
            ["models.overhead_before_model_p50_ms"] = Ms(r.BeforeModel.Percentile(0.50)),
            ["models.overhead_before_model_p99_ms"] = Ms(r.BeforeModel.Percentile(0.99)),
            ["models.overhead_after_model_p50_ms"] = Ms(r.AfterModel.Percentile(0.50)),
            ["models.overhead_after_model_p99_ms"] = Ms(r.AfterModel.Percentile(0.99)),
            ["models.overhead_replies_per_s"] = new(Math.Round(r.Total.Count / r.Window.TotalSeconds, 1), "replies/s", context.Command, context.Date, context.Machine),
            ["models.overhead_other_cores"] = new(Math.Round(r.OtherCores(), 2), "cores", context.Command, context.Date, context.Machine),
            ["models.overhead_server_cpu_ms_per_reply"] = new(Math.Round(r.ServerCpuMsPerReply(), 3), "ms", context.Command, context.Date, context.Machine),
        };
    }

    private static void Print(OverheadResult r)
    {
        Console.WriteLine($"  {r.Total.Count:N0} replies in {r.Window.TotalSeconds:N0} s ({r.Replies:N0} read whole by the clients, {r.Total.Count / r.Window.TotalSeconds:N0}/s); server {r.ServerCores():N2} cores ({r.ServerCpuMsPerReply():N3} ms CPU a reply), other processes {r.OtherCores():N2} cores");
        Console.WriteLine($"  overhead per reply      p50 {r.Total.Percentile(0.5),8:N3} ms   p99 {r.Total.Percentile(0.99),8:N3} ms");
        Console.WriteLine($"    received -> model     p50 {r.BeforeModel.Percentile(0.5),8:N3} ms   p99 {r.BeforeModel.Percentile(0.99),8:N3} ms");
        Console.WriteLine($"    last token -> handed  p50 {r.AfterModel.Percentile(0.5),8:N3} ms   p99 {r.AfterModel.Percentile(0.99),8:N3} ms");
    }
}
