using System.Globalization;
using System.Text;

namespace ChatSphere.Bench.Soak;

/// <summary>One minute of the soak: asks answered and failed, latencies from the moment each ask was due, and each process's RSS at its end.</summary>
public sealed record SoakSample(TimeSpan At, long Answered, long Failed, double FirstTokenP50Ms, double FirstTokenP99Ms, double LastTokenP50Ms, double LastTokenP99Ms,
    IReadOnlyList<(string Name, long Rss)> Memory, string? FirstFailure)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"minute {At.TotalMinutes:F0}: {Answered} answered, {Failed} failed{(FirstFailure is null ? "" : $" (first: {FirstFailure})")}, first token p50 {FirstTokenP50Ms:F0} ms p99 {FirstTokenP99Ms:F0} ms, RSS {string.Join(", ", Memory.Select(m => $"{m.Name} {m.Rss / 1048576.0:F0} MiB"))}");
}

public sealed record SoakResult(int Conversations, TimeSpan MeanInterval, TimeSpan Duration, string Configuration, IReadOnlyList<SoakSample> Samples)
{
    public const string Command = "dotnet run -c Release --project bench/ChatSphere.Bench -- soak --minutes 30 --write-docs";

    /// <summary>Growth of each process's RSS from the fifth minute (after warm-up) to the last, in percent.</summary>
    public IReadOnlyList<(string Name, double GrowthPercent)> MemoryGrowth()
    {
        if (Samples.Count < 2)
        {
            return [];
        }

        var baseline = Samples[Math.Min(4, Samples.Count - 2)];
        var last = Samples[^1];
        return [.. baseline.Memory.Zip(last.Memory, (b, l) => (b.Name, b.Rss == 0 ? double.NaN : (l.Rss - b.Rss) * 100.0 / b.Rss))];
    }

    public string Markdown(string machine)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Soak: the cluster shape under hours-long traffic");
        text.AppendLine();
        text.AppendLine(string.Create(invariant, $"Open-loop widget traffic for {Duration.TotalMinutes:F0} minutes across two API nodes in client mode and three dedicated silos on"));
        text.AppendLine(string.Create(invariant, $"PostgreSQL and Redis (the failure drill's processes, no faults): {Conversations} conversations, each asking at Poisson-distributed"));
        text.AppendLine(string.Create(invariant, $"moments {MeanInterval.TotalSeconds:F0} s apart on average; replies of 20 tokens from the instant model; Orleans' default failure detection."));
        text.AppendLine("Latencies run from the moment an ask was due. An ask fails when its reply does not arrive whole (\"done\" with the model's full text).");
        text.AppendLine();
        text.AppendLine("Command (writes this page): `" + Command + "`.");
        text.AppendLine();
        text.AppendLine(string.Create(invariant, $"Recorded {DateTime.UtcNow:yyyy-MM-dd} on {machine}, {Configuration} build."));
        text.AppendLine();
        var names = Samples.Count > 0 ? Samples[0].Memory.Select(m => m.Name).ToList() : [];
        text.AppendLine("| minute | answered | failed | first token p50 | p99 | last token p50 | p99 | " + string.Join(" | ", names.Select(n => n + " RSS")) + " |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|" + string.Concat(names.Select(_ => "---:|")));
        foreach (var s in Samples)
        {
            text.AppendLine(string.Create(invariant,
                $"| {s.At.TotalMinutes:F0} | {s.Answered} | {s.Failed} | {s.FirstTokenP50Ms:F0} ms | {s.FirstTokenP99Ms:F0} ms | {s.LastTokenP50Ms:F0} ms | {s.LastTokenP99Ms:F0} ms | ")
                + string.Join(" | ", s.Memory.Select(m => string.Create(invariant, $"{m.Rss / 1048576.0:F0} MiB"))) + " |");
        }

        text.AppendLine();
        text.AppendLine("Memory from minute 5 to the end: " + string.Join(", ", MemoryGrowth().Select(g => string.Create(invariant, $"{g.Name} {g.GrowthPercent:+0.0;-0.0}%"))) + ".");
        text.AppendLine(string.Create(invariant, $"Asks answered: {Samples.Sum(s => s.Answered)}; failed: {Samples.Sum(s => s.Failed)}."));
        foreach (var failed in Samples.Where(s => s.FirstFailure is not null))
        {
            text.AppendLine(string.Create(invariant, $"- minute {failed.At.TotalMinutes:F0}, first failure: {failed.FirstFailure}"));
        }
        return text.ToString();
    }
}
