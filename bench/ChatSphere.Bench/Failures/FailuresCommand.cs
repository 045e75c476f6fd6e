using System.CommandLine;
using System.Diagnostics;
using ChatSphere.Bench.Cli;
using ChatSphere.Bench.Reporting;

namespace ChatSphere.Bench.Failures;

/// <summary>
/// The <c>failures</c> command: the failure drill of the cluster shape (<see cref="FaultDrill"/>). Exits 1 when any
/// acknowledged message was lost, anything was doubled, or a conversation did not answer again in time.
/// </summary>
public static class FailuresCommand
{
    public static Command Build(string[] args, Option<string?> repo, Option<bool> noBuild)
    {
        var configuration = new Option<string>("--configuration") { Description = "Which build of silo/ and api/ to run (Release is built first unless --no-build)", DefaultValueFactory = _ => "Release" };
        configuration.AcceptOnlyFromAmong("Release", "Debug");
        var visitors = new Option<int>("--visitors") { Description = "Widget visitors chatting throughout", DefaultValueFactory = _ => new DrillSettings().Visitors };
        var writeDocs = new Option<bool>("--write-docs") { Description = "Write the figures into docs/reliability.md" };
        var report = new Option<string?>("--report") { Description = "Also write the figures (Markdown) to this file" };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit report (one case per fault, one for the transcripts) to this file" };
        var command = new Command("failures", "The cluster shape (PostgreSQL, Redis, 3 silos, 2 API nodes as processes) under a rolling silo restart, a killed silo, a killed API node, a 30 s Redis outage and a PostgreSQL restart, with visitors chatting throughout")
        {
            configuration, visitors, writeDocs, report, junit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var context = RunContext.Capture(args);
            var root = RepoRoot.Find(parse.GetValue(repo));
            var build = parse.GetValue(configuration)!;
            Console.WriteLine($"{context.Command}\n{context.Machine}, {context.Date}");
            try
            {
                if (!parse.GetValue(noBuild) && build == "Release")
                {
                    await BuildAsync(root, ct);
                }

                var settings = new DrillSettings { Visitors = parse.GetValue(visitors) };
                var result = await FaultDrill.RunAsync(root, build, settings, Console.WriteLine, ct);
                var markdown = DrillReport.Markdown(result, context.Machine, build);
                Console.WriteLine(markdown);
                if (parse.GetValue(writeDocs))
                {
                    await File.WriteAllTextAsync(Path.Combine(root, "docs", "reliability.md"), markdown, ct);
                }

                if (parse.GetValue(report) is { } reportPath)
                {
                    await File.WriteAllTextAsync(reportPath, markdown, ct);
                }

                if (parse.GetValue(junit) is { } junitPath)
                {
                    DrillReport.JUnit(result).Save(junitPath);
                }

                Console.WriteLine(result.Passed ? "drill: passed" : "drill: FAILED");
                return result.Passed ? 0 : 1;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"The drill stopped: {failure.GetType().Name}: {failure.Message}");
                if (parse.GetValue(junit) is { } junitPath)
                {
                    new System.Xml.Linq.XDocument(new System.Xml.Linq.XElement("testsuites",
                        new System.Xml.Linq.XAttribute("tests", 1), new System.Xml.Linq.XAttribute("failures", 1),
                        new System.Xml.Linq.XElement("testsuite", new System.Xml.Linq.XAttribute("name", "failure drill"),
                            new System.Xml.Linq.XElement("testcase", new System.Xml.Linq.XAttribute("name", "the drill ran"),
                                new System.Xml.Linq.XElement("failure", new System.Xml.Linq.XAttribute("message", failure.Message)))))).Save(junitPath);
                }

                return 1;
            }
        });
        return command;
    }

    private static async Task BuildAsync(string root, CancellationToken cancellationToken)
    {
        foreach (var project in new[] { "silo/ChatSphere.Silo.csproj", "api/ChatSphere.Api.csproj" })
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
            foreach (var argument in new[] { "build", "-c", "Release", project, "-nologo", "-v", "quiet", "-p:ChatSphereSkipWidget=true", "-p:ChatSphereSkipDashboard=true" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet build.");
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet build -c Release {project} failed with code {process.ExitCode}.");
            }
        }
    }
}
