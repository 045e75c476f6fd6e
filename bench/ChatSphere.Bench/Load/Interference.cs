namespace ChatSphere.Bench.Load;

/// <summary>When other processes' CPU use during a measured window makes it unfit for comparison.</summary>
public static class Interference
{
    /// <summary>Cores kept busy by other processes during a window above which it is called disturbed.</summary>
    public const double Threshold = 0.25;

    public static bool IsDisturbed(this LoadResult result) => result.OtherCores > Threshold;

    /// <summary>The most any window of a group was disturbed, in cores.</summary>
    public static double Worst(IEnumerable<LoadResult> results) => results.Select(r => r.OtherCores).DefaultIfEmpty(0).Max();
}
