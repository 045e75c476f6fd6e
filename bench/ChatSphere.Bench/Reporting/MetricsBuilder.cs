using ChatSphere.Bench.Load;
using ChatSphere.Bench.Memory;
using ChatSphere.Bench.Runs;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Reporting;

/// <summary>
/// Turns results into the keys of docs/benchmarks.json. ChatSphere's figures carry plain names
/// (chat.n100.asks_per_s), the bare hub's a bare_ prefix (chat.n100.bare_asks_per_s); the ratio needs both.
/// </summary>
public static class MetricsBuilder
{
    public static SortedDictionary<string, Metric> Build(BenchResults results, RunContext context)
    {
        var metrics = new SortedDictionary<string, Metric>(StringComparer.Ordinal);
        void Add(string key, double value, string unit)
        {
            if (double.IsFinite(value))
            {
                metrics[key] = new Metric(Math.Round(value, Decimals(unit)), unit, context.Command, context.Date, context.Machine);
            }
        }

        foreach (var result in results.Load)
        {
            var prefix = $"{result.Phase.Key}.{(result.Server == ServerKind.Bare ? "bare_" : "")}";
            Add(prefix + "asks_per_s", result.AsksPerSecond, "asks/s");
            foreach (var (name, histogram) in new[] { ("ttft", result.TimeToFirstToken), ("ttlt", result.TimeToLastToken) })
            {
                foreach (var percentile in new[] { 50, 95, 99 })
                {
                    Add($"{prefix}{name}_p{percentile}_ms", histogram.PercentileMs(percentile), "ms");
                }
            }

            Add(prefix + "failed_asks", result.Failures, "asks");
            Add(prefix + "server_cpu_ms_per_ask", result.ServerCpuMsPerAsk, "ms");
            Add(prefix + "server_rss_mb", result.ServerAfter.RssMegabytes, "MiB");
            Add(prefix + "server_cores", result.ServerCores, "cores");
            Add(prefix + "client_cores", result.ClientCores, "cores");
            Add(prefix + "other_cores", result.OtherCores, "cores");
        }

        foreach (var phase in results.Load.Select(r => r.Phase).Distinct())
        {
            if (phase.Closed && results.Find(phase, ServerKind.ChatSphere) is { } chat && results.Find(phase, ServerKind.Bare) is { } bare)
            {
                Add($"{phase.Key}.ratio", chat.AsksPerSecond / bare.AsksPerSecond, "ratio");
            }
        }

        foreach (var result in results.Memory)
        {
            var bare = result.Server == ServerKind.Bare ? "bare_" : "";
            switch (result.Probe)
            {
                case MemoryProbeKind.IdleConnections:
                    Add($"memory.{bare}bytes_per_idle_connection", result.BytesEach, "bytes");
                    Add($"memory.{bare}managed_bytes_per_idle_connection", result.ManagedBytesEach, "bytes");
                    break;
                case MemoryProbeKind.IdleConversations:
                    Add($"memory.{bare}bytes_per_idle_activation", result.BytesEach, "bytes");
                    Add($"memory.{bare}managed_bytes_per_idle_activation", result.ManagedBytesEach, "bytes");
                    Add($"chat.{bare}start_conversation_per_s", result.PerSecond, "conversations/s");
                    break;
            }
        }

        return metrics;
    }

    private static int Decimals(string unit) => unit switch
    {
        "ms" => 3,
        "ratio" => 3,
        "cores" => 2,
        "MiB" => 1,
        _ => 0,
    };
}
