namespace ChatSphere.Bench.Reporting;

/// <summary>When other processes' CPU use during a measured window makes a run unfit for comparison.</summary>
public static class Interference
{
    /// <summary>Cores kept busy by other processes during a window above which a run is flagged.</summary>
    public const double Threshold = 0.25;
}
