using System.Diagnostics.Metrics;

namespace ChatSphere.Grains.Ai.Generation;

/// <summary>
/// The platform's own time around the model (meter "ChatSphere.Ai"): from a message received to the prompt handed
/// to the model adapter, and from the adapter's last token to the reply handed to the API nodes; tokens per model.
/// </summary>
public sealed class GenerationMetrics
{
    public const string MeterName = "ChatSphere.Ai";

    /// <summary>Bucket bounds in milliseconds, fine at the low end where the platform's overhead lives.</summary>
    public static readonly IReadOnlyList<double> OverheadBucketsMs =
        [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000];

    private readonly Histogram<double> _beforeModel;
    private readonly Histogram<double> _afterModel;
    private readonly Histogram<double> _overhead;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _fallbacks;

    public GenerationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = OverheadBucketsMs };
        _beforeModel = meter.CreateHistogram("chatsphere.reply.overhead.before_model", "ms", "From the message received to the prompt handed to the model adapter", advice: buckets);
        _afterModel = meter.CreateHistogram("chatsphere.reply.overhead.after_model", "ms", "From the adapter's last token to the finished reply handed to the API nodes", advice: buckets);
        _overhead = meter.CreateHistogram("chatsphere.reply.overhead", "ms", "The platform's own time per reply: before plus after the model", advice: buckets);
        _tokens = meter.CreateCounter<long>("chatsphere.model.tokens", "{token}", "Prompt and completion tokens, by model and kind");
        _fallbacks = meter.CreateCounter<long>("chatsphere.model.failures", "{attempt}", "Models that failed before their first token, by model");
    }

    public void Overhead(TimeSpan beforeModel, TimeSpan afterModel)
    {
        _beforeModel.Record(beforeModel.TotalMilliseconds);
        _afterModel.Record(afterModel.TotalMilliseconds);
        _overhead.Record((beforeModel + afterModel).TotalMilliseconds);
    }

    public void Tokens(GenerationOutcome outcome)
    {
        var model = new KeyValuePair<string, object?>("model", outcome.Model ?? "none");
        _tokens.Add(outcome.PromptTokens, model, new("kind", "prompt"));
        _tokens.Add(outcome.CompletionTokens, model, new("kind", "completion"));
        foreach (var failure in outcome.Failures)
        {
            _fallbacks.Add(1, new KeyValuePair<string, object?>("model", failure.Model));
        }
    }
}
