using System.Globalization;
using System.Runtime.InteropServices;

namespace ChatSphere.Bench.Reporting;

/// <summary>The command line, the time and the machine of this invocation, stamped on every figure it writes.</summary>
public sealed record RunContext(string Command, DateTimeOffset Started, string Machine)
{
    public const string CommandPrefix = "dotnet run -c Release --project bench/ChatSphere.Bench --";

    public string Date => Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static RunContext Capture(IEnumerable<string> args) =>
        new($"{CommandPrefix} {string.Join(' ', args.Select(Quote))}".TrimEnd(), DateTimeOffset.UtcNow, DescribeMachine());

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,".Contains(c)) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>"2 cores (model), 23.5 GiB, Debian ..., .NET 10.0.x".</summary>
    private static string DescribeMachine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault()
            : 0;
        var cores = $"{Environment.ProcessorCount} cores" + (cpu is null ? "" : $" ({cpu})");
        var memory = memoryKb > 0 ? $", {memoryKb / (1024.0 * 1024.0):N1} GiB" : "";
        return $"{cores}{memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
