using ChatSphere.Bench.Load;
using ChatSphere.Bench.Runs;

namespace ChatSphere.Bench.Reporting;

/// <summary>Prints this run's figures as tables.</summary>
public static class ConsoleReport
{
    public static void Print(IReadOnlyDictionary<string, Metric> metrics, BenchResults results)
    {
        Console.WriteLine();
        var figures = new Figures(key => metrics.TryGetValue(key, out var m) ? m.Value : null, metrics.Keys);
        foreach (var table in figures.All())
        {
            Console.WriteLine(table.ToConsole());
        }

        foreach (var failed in results.Load.Where(r => r.Failures > 0))
        {
            Console.WriteLine($"warning: {failed.Server} {failed.Phase.Title}: {failed.Failures:N0} asks failed, first: {failed.FirstFailure}");
        }

        foreach (var disturbed in results.Load.Where(r => r.IsDisturbed()))
        {
            Console.WriteLine($"warning: {disturbed.Server} {disturbed.Phase.Title}: other processes kept {disturbed.OtherCores:N2} cores busy; not a clean run");
        }

        foreach (var memory in results.Memory.Where(m => m.Count < m.Requested))
        {
            Console.WriteLine($"note: {memory.Server} {memory.Probe}: {memory.Count:N0} of {memory.Requested:N0} made within the time limit");
        }
    }
}
