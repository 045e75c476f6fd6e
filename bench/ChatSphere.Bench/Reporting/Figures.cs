using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatSphere.Bench.Reporting;

/// <summary>
/// The chat and memory figures laid out as tables (closed loop per N, open loop, memory, targets), from any source of
/// metric values: this run's (console) or the merged benchmarks.json (docs/benchmarks.md).
/// </summary>
public sealed partial class Figures(Func<string, double?> value, IEnumerable<string> keys)
{
    private const string Missing = "—";

    private readonly string[] _keys = keys.ToArray();

    public IEnumerable<Table> All()
    {
        var targets = Targets();
        if (!targets.IsEmpty)
        {
            yield return targets;
        }

        foreach (var n in Sizes(ClosedKey()))
        {
            yield return LoadTable($"chat.n{n}", $"Closed loop, N = {n.ToString("N0", CultureInfo.InvariantCulture)}", withRatio: true);
        }

        foreach (var n in Sizes(OpenKey()))
        {
            yield return LoadTable($"chat.open{n}", $"Open loop, {n.ToString("N0", CultureInfo.InvariantCulture)} conversations (Poisson arrivals)", withRatio: false);
        }

        var memory = MemoryTable();
        if (!memory.IsEmpty)
        {
            yield return memory;
        }
    }

    public Table Targets()
    {
        var table = new Table("Targets", "target", "measured", "met");
        void Check(string label, string key, Func<double, bool> met, string unit)
        {
            if (value(key) is { } measured)
            {
                table.Add(label, Format(measured, unit), met(measured) ? "yes" : "**no**");
            }
        }

        foreach (var n in Sizes(ClosedKey()))
        {
            Check($"closed loop N = {n:N0}: ChatSphere / bare asks/s ≥ 0.5", $"chat.n{n}.ratio", r => r >= 0.5, "ratio");
        }

        foreach (var n in Sizes(OpenKey()))
        {
            Check($"open loop {n:N0} conversations: time to first token p99 ≤ 25 ms", $"chat.open{n}.ttft_p99_ms", ms => ms <= 25, "ms");
        }

        Check("memory per idle conversation activation ≤ 5 KB", "memory.bytes_per_idle_activation", b => b <= 5 * 1024, "bytes");
        Check("memory per idle widget connection ≤ 20 KB", "memory.bytes_per_idle_connection", b => b <= 20 * 1024, "bytes");
        Check("SQuAD held-out: gold paragraph in the top 5 ≥ 0.97", "squad.heldout.hit_at_5", v => v >= 0.97, "share");
        Check("SQuAD held-out: reply of ≤ 40 words contains a gold answer ≥ 0.75", "squad.heldout.answer_contains_gold", v => v >= 0.75, "share");
        Check("ingestion end to end ≥ 0.9 × the bare encoder's chunks/s", "ingest.ratio_to_encoder", r => r >= 0.9, "ratio");
        Check("hybrid retrieval over 100k chunks: p99 ≤ 5 ms", "retrieval.p99_ms_100k", ms => ms <= 5, "ms");
        Check("vector index recall@10 against exact search ≥ 0.98", "retrieval.recall_at_10", r => r >= 0.98, "share");
        Check("dashboard: initial JavaScript ≤ 200 KB gzipped (bytes)", "dashboard.initial_js_gz_bytes", b => b <= 200 * 1024, "bytes");
        Check("dashboard: bots list interactive after navigation, p95 ≤ 1,000 ms (embedded)", "dashboard.bots_list_interactive_p95_ms", ms => ms <= 1000, "ms");
        return table;
    }

    private Table LoadTable(string prefix, string title, bool withRatio)
    {
        string[] headers = withRatio ? ["", "ChatSphere", "bare hub", "ChatSphere / bare"] : ["", "ChatSphere", "bare hub"];
        var table = new Table(title, headers);
        void Row(string label, string metric, string unit, bool ratio = false)
        {
            var chat = value($"{prefix}.{metric}");
            var bare = value($"{prefix}.bare_{metric}");
            var cells = new List<string> { label, Format(chat, unit), Format(bare, unit) };
            if (withRatio)
            {
                cells.Add(ratio ? Format(value($"{prefix}.ratio"), "ratio") : "");
            }

            table.Add([.. cells]);
        }

        Row("asks/s", "asks_per_s", "asks/s", ratio: true);
        foreach (var name in new[] { "ttft", "ttlt" })
        {
            foreach (var p in new[] { 50, 95, 99 })
            {
                Row($"time to {(name == "ttft" ? "first" : "last")} token p{p} (ms)", $"{name}_p{p}_ms", "ms");
            }
        }

        Row("server CPU per ask (ms)", "server_cpu_ms_per_ask", "ms");
        Row("server CPU (cores busy)", "server_cores", "cores");
        Row("load client CPU (cores busy)", "client_cores", "cores");
        Row("other processes' CPU (cores busy)", "other_cores", "cores");
        Row("server RSS at the end (MiB)", "server_rss_mb", "MiB");
        Row("failed asks", "failed_asks", "asks");
        return table;
    }

    private Table MemoryTable()
    {
        var table = new Table("Memory (after a forced full GC, before and after)", "", "ChatSphere", "bare hub");
        void Row(string label, string key, string unit)
        {
            var chat = value($"memory.{key}");
            var bare = value($"memory.bare_{key}");
            if (chat is not null || bare is not null)
            {
                table.Add(label, Format(chat, unit), Format(bare, unit));
            }
        }

        Row("bytes per idle conversation activation (RSS)", "bytes_per_idle_activation", "bytes");
        Row("of which managed heap", "managed_bytes_per_idle_activation", "bytes");
        Row("bytes per idle widget connection (RSS)", "bytes_per_idle_connection", "bytes");
        Row("of which managed heap", "managed_bytes_per_idle_connection", "bytes");
        if (value("chat.start_conversation_per_s") is { } starts)
        {
            table.Add("conversations started/s (during the probe)", Format(starts, "conversations/s"), Missing);
        }

        return table;
    }

    public static string Format(double? number, string unit) => number is not { } n
        ? Missing
        : unit switch
        {
            "ms" => n.ToString(Math.Abs(n) < 1 ? "N3" : "N2", CultureInfo.InvariantCulture),
            "ratio" or "cores" => n.ToString("N2", CultureInfo.InvariantCulture),
            "share" => n.ToString("N3", CultureInfo.InvariantCulture),
            "MiB" => n.ToString("N1", CultureInfo.InvariantCulture),
            _ => n.ToString("N0", CultureInfo.InvariantCulture),
        };

    private IEnumerable<int> Sizes(Regex pattern) => _keys
        .Select(k => pattern.Match(k))
        .Where(m => m.Success)
        .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
        .Distinct()
        .Order();

    [GeneratedRegex(@"^chat\.n(\d+)\.")]
    private static partial Regex ClosedKey();

    [GeneratedRegex(@"^chat\.open(\d+)\.")]
    private static partial Regex OpenKey();
}
