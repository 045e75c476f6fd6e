using ChatSphere.Bench.Reporting;

namespace ChatSphere.Bench.Retrieval;

/// <summary>Collects the knowledge benchmarks' figures and merges them into docs/benchmarks.json (other keys kept) and the page beside it.</summary>
public sealed class KnowledgeFigures(RunContext context)
{
    private readonly SortedDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);

    public void Add(string key, double value, string unit)
    {
        if (double.IsFinite(value))
        {
            var decimals = unit is "share" or "ratio" or "ms" ? 3 : 1;
            _metrics[key] = new Metric(Math.Round(value, decimals), unit, context.Command, context.Date, context.Machine);
        }
    }

    public void Write(string output)
    {
        var all = BenchmarksJson.Merge(output, _metrics);
        var markdown = Path.ChangeExtension(output, ".md");
        BenchmarksMarkdown.Write(markdown, all);
        Console.WriteLine($"Wrote {_metrics.Count} figures into {output} and regenerated {markdown}.");
    }
}
