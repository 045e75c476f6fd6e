using ChatSphere.Bench.Load;

namespace ChatSphere.Bench.Overhead;

/// <summary>
/// The platform's own time per reply while <see cref="Conversations"/> conversations ask back to back with the
/// instant model (each at Poisson moments <see cref="MeanInterval"/> apart, or back to back when null):
/// <see cref="Total"/> is before plus after the model, per reply (server-side histograms).
/// </summary>
public sealed record OverheadResult(
    int Conversations,
    TimeSpan? MeanInterval,
    TimeSpan Window,
    long Replies,
    PrometheusHistogram Total,
    PrometheusHistogram BeforeModel,
    PrometheusHistogram AfterModel,
    MeasuredWindow Load);

public static class OverheadResultExtensions
{
    public static double ServerCores(this OverheadResult r) => (r.Load.ServerAfter.CpuTime - r.Load.ServerBefore.CpuTime).TotalSeconds / r.Window.TotalSeconds;

    public static double ClientCores(this OverheadResult r) => r.Load.ClientCpu.TotalSeconds / r.Window.TotalSeconds;

    /// <summary>Cores other processes kept busy during the window.</summary>
    public static double OtherCores(this OverheadResult r) => Math.Max(0, r.Load.MachineBusyCores - r.ServerCores() - r.ClientCores());

    public static double ServerCpuMsPerReply(this OverheadResult r) =>
        r.Total.Count == 0 ? double.NaN : (r.Load.ServerAfter.CpuTime - r.Load.ServerBefore.CpuTime).TotalMilliseconds / r.Total.Count;
}
