using System.Diagnostics;

namespace ChatSphere.Bench.Servers;

/// <summary>Reads a process's resident set size and CPU time from /proc.</summary>
public static class ProcFs
{
    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public static long ReadRssBytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line.");
    }

    /// <summary>
    /// RSS and user+system CPU time. The CPU time is .NET's reading of utime+stime in /proc/&lt;pid&gt;/stat
    /// divided by the clock tick.
    /// </summary>
    public static ProcessSample Sample(Process process)
    {
        process.Refresh();
        return new ProcessSample(ReadRssBytes(process.Id), process.TotalProcessorTime);
    }
}
