using ChatSphere.Bench.Load;

namespace ChatSphere.Bench.Overhead;

/// <summary>
/// The platform's own time per reply while <see cref="Conversations"/> conversations ask back to back with the
/// instant model: <see cref="Total"/> is before plus after the model, per reply (server-side histograms).
/// </summary>
public sealed record OverheadResult(
    int Conversations,
    TimeSpan Window,
    long Replies,
    PrometheusHistogram Total,
    PrometheusHistogram BeforeModel,
    PrometheusHistogram AfterModel,
    MeasuredWindow Load);
