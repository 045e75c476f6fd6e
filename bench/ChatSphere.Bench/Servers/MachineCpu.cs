using System.Globalization;

namespace ChatSphere.Bench.Servers;

/// <summary>
/// The whole machine's CPU counters from the first line of /proc/stat, to tell how busy other processes kept the
/// cores during a measured window (this machine may be shared).
/// </summary>
public readonly record struct MachineCpu(long BusyTicks, long TotalTicks)
{
    public static MachineCpu Read()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        var fields = File.ReadLines("/proc/stat").First()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture))
            .ToArray();
        var idle = fields[3] + fields[4];
        return new MachineCpu(fields.Sum() - idle, fields.Sum());
    }

    /// <summary>Cores kept busy on average between two readings, by every process.</summary>
    public static double BusyCores(MachineCpu before, MachineCpu after)
    {
        var total = after.TotalTicks - before.TotalTicks;
        return total <= 0 ? double.NaN : (after.BusyTicks - before.BusyTicks) / (double)total * Environment.ProcessorCount;
    }
}
