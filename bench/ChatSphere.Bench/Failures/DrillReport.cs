using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace ChatSphere.Bench.Failures;

/// <summary>The drill's result as docs/reliability.md (Markdown) and as a JUnit report that deploy/local/test.sh counts.</summary>
public static class DrillReport
{
    public const string Command = "dotnet run -c Release --project bench/ChatSphere.Bench -- failures --write-docs";

    public static string Markdown(DrillResult result, string machine, string configuration)
    {
        var s = result.Settings;
        var text = new StringBuilder();
        text.AppendLine("# Reliability: the cluster shape under failure");
        text.AppendLine();
        text.AppendLine("Measured by the failure drill (`bench/ChatSphere.Bench/Failures`), which `deploy/local/test.sh` (and so `.ci/run`)");
        text.AppendLine("runs after the tests. Processes, not an in-process test cluster: PostgreSQL 15 and Redis on loopback, three dedicated");
        text.AppendLine("silos and two API nodes in client mode, started from the solution's build. Widget visitors (the official SignalR .NET");
        text.AppendLine("client) chat throughout, spread over both API nodes; when a visitor's node dies or a call fails it connects to the other");
        text.AppendLine("node, resumes its conversation with its visitor token and asks again with the same `clientMessageId`.");
        text.AppendLine();
        text.AppendLine(Invariant($"Load: {s.Visitors} visitors, each asking again {s.ThinkTime.TotalMilliseconds:F0} ms after its reply finished; replies of"));
        text.AppendLine(Invariant($"{s.TokensPerReply} tokens {s.TokenDelayMs} ms apart (the instant model), so replies are in flight when a fault strikes. Failure"));
        text.AppendLine("detection tuned as in the cluster tests (probe timeout 1 s, one vote declares a silo dead).");
        text.AppendLine();
        text.AppendLine("Command (writes this page): `" + Command + "`. In CI: `failures --configuration Debug` on the test build.");
        text.AppendLine();
        text.AppendLine(Invariant($"Recorded {DateTime.UtcNow:yyyy-MM-dd} on {machine}, {configuration} build; the whole drill took {result.Elapsed.TotalMinutes:F1} min."));
        text.AppendLine();
        text.AppendLine("| fault | lasted | questions acknowledged until recovered | replies finished until recovered | every conversation answering again after |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var fault in result.Faults)
        {
            var recovery = fault.Recovery is { } r ? Invariant($"{r.TotalSeconds:F1} s") : Invariant($"over {s.RecoveryLimit.TotalSeconds:F0} s");
            text.AppendLine(Invariant($"| {fault.Name} | {fault.Duration.TotalSeconds:F1} s | {fault.Acknowledged} | {fault.Answered} | {recovery} |"));
        }

        var t = result.Transcripts;
        text.AppendLine();
        text.AppendLine(Invariant($"Transcripts at the end: {t.Acknowledged} questions acknowledged, {t.Stored} questions stored; {t.Lost} acknowledged questions lost,"));
        text.AppendLine(Invariant($"{t.DoubledQuestions} questions stored twice, {t.DoubledReplies} questions with two replies, {t.MissingReplies} streamed replies not stored."));
        text.AppendLine(Invariant($"Visitors reconnected {result.Reconnects} times; {result.VisitorFailures.Count} calls failed and were retried."));
        text.AppendLine();
        text.AppendLine("Recovery is measured from the end of the fault's action (the kill, the restart, Redis back) to the moment every");
        text.AppendLine(Invariant($"conversation has had a whole reply finish after it; the drill fails above {s.RecoveryLimit.TotalSeconds:F0} s, on any acknowledged question lost,"));
        text.AppendLine("and on any question or reply stored twice.");
        foreach (var problem in t.Problems.Take(20))
        {
            text.AppendLine("- " + problem);
        }

        return text.ToString();
    }

    public static XDocument JUnit(DrillResult result)
    {
        var cases = result.Faults.Select(f => Case(f.Name, f.Recovered(result.Settings.RecoveryLimit) ? null : f.Describe())).ToList();
        cases.Add(Case("no acknowledged message lost, no question or reply doubled",
            result.Transcripts.Passed ? null : string.Join('\n', result.Transcripts.Problems.Take(50))));
        var failures = cases.Count(c => c.Element("failure") is not null);
        return new XDocument(new XElement("testsuites",
            new XAttribute("tests", cases.Count), new XAttribute("failures", failures), new XAttribute("errors", 0), new XAttribute("skipped", 0),
            new XElement("testsuite", new XAttribute("name", "failure drill"), new XAttribute("tests", cases.Count), new XAttribute("failures", failures), cases)));
    }

    private static XElement Case(string name, string? failure) =>
        new("testcase", new XAttribute("classname", "ChatSphere.Bench.Failures"), new XAttribute("name", name),
            failure is null ? null : new XElement("failure", new XAttribute("message", failure.Split('\n')[0]), failure));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
