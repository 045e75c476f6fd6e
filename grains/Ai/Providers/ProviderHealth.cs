using Polly.CircuitBreaker;

namespace ChatSphere.Grains.Ai.Providers;

/// <summary>How a provider endpoint is doing: its circuit breaker's state and its most recent error and success.</summary>
public sealed class ProviderHealth(CircuitBreakerStateProvider? breaker, TimeProvider time)
{
    private readonly Lock _gate = new();
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastSuccessAt;

    public HealthSnapshot Snapshot()
    {
        lock (_gate)
        {
            var status = breaker?.CircuitState switch
            {
                CircuitState.Open or CircuitState.Isolated => ModelHealthStatus.Unavailable,
                CircuitState.HalfOpen => ModelHealthStatus.Degraded,
                _ when _lastErrorAt is { } failed && (_lastSuccessAt is not { } ok || ok < failed) => ModelHealthStatus.Degraded,
                _ when _lastSuccessAt is null && _lastErrorAt is null && breaker is not null => ModelHealthStatus.Unknown,
                _ => ModelHealthStatus.Healthy,
            };
            return new HealthSnapshot(status, Circuit(), _lastError, _lastErrorAt, _lastSuccessAt);
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _lastSuccessAt = time.GetUtcNow();
        }
    }

    public void Failed(Exception exception)
    {
        lock (_gate)
        {
            _lastError = Describe(exception);
            _lastErrorAt = time.GetUtcNow();
        }
    }

    private string Circuit() => breaker?.CircuitState switch
    {
        null => "none",
        CircuitState.Open or CircuitState.Isolated => "open",
        CircuitState.HalfOpen => "half-open",
        _ => "closed",
    };

    /// <summary>A short description without secrets: the exception type and, for HTTP answers, the status.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        System.ClientModel.ClientResultException { Status: > 0 } http => $"HTTP {http.Status}",
        BrokenCircuitException => "circuit open",
        TimeoutException timeout => timeout.Message,
        _ => exception.GetType().Name,
    };
}

/// <summary>How a model's provider is doing, as <c>GET /api/v1/models</c> shows it.</summary>
public enum ModelHealthStatus
{
    Unknown,
    Healthy,
    Degraded,
    Unavailable,
}

/// <summary>A provider's health at one moment.</summary>
public sealed record HealthSnapshot(ModelHealthStatus Status, string Circuit, string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? LastSuccessAt);
