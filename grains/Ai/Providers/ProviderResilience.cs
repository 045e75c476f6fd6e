using System.ClientModel;
using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace ChatSphere.Grains.Ai.Providers;

/// <summary>
/// The Polly pipeline around opening a reply stream: retries with exponential backoff and jitter on 429, 5xx,
/// network errors and first-token timeouts (waiting for Retry-After when the server names one, unless it is longer
/// than the provider allows), inside them a circuit breaker that stops calling a failing provider for a while.
/// </summary>
internal static class ProviderResilience
{
    public static ResiliencePipeline Build(ProviderOptions options, CircuitBreakerStateProvider breakerState, TimeProvider time)
    {
        var maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBaseDelayMs)),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e) && !(RetryAfter(e, time) > maxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } e ? RetryAfter(e, time) : null),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = Math.Clamp(options.BreakerFailureRatio, 0.01, 1),
            MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, options.BreakerSamplingSeconds)),
            BreakDuration = TimeSpan.FromSeconds(Math.Max(1, options.BreakDurationSeconds)),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && CountsAsFailure(e)),
            StateProvider = breakerState,
        });
        return builder.Build();
    }

    /// <summary>Worth another try: rate limited, server error, timeout, or the connection failed.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException { Status: 429 or 408 or >= 500 or 0 } => true,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Everything but a caller's cancellation counts against the provider (401 and 404 too: it cannot answer).</summary>
    private static bool CountsAsFailure(Exception exception) => exception is not OperationCanceledException;

    /// <summary>The server's Retry-After (seconds or an HTTP date), or <c>retry-after-ms</c>, on a 429 or 503.</summary>
    public static TimeSpan? RetryAfter(Exception exception, TimeProvider time)
    {
        if (exception is not ClientResultException http || http.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromTicks(Math.Max(0, (at - time.GetUtcNow()).Ticks))
            : null;
    }
}
