using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>
/// This API node's door to the embedding model for the embeddings API: at most
/// <see cref="EmbeddingsOptions.MaxConcurrentPerNode"/> requests at once and <see cref="EmbeddingsOptions.MaxQueuedPerNode"/>
/// waiting, each for at most <see cref="EmbeddingsOptions.MaxQueueWait"/>; the rest are answered 503 at once. Chat never
/// passes here (its questions are embedded by the knowledge grains), so bulk embedding cannot queue a visitor's reply.
/// </summary>
public sealed class EmbeddingsGate(IOptions<EmbeddingsOptions> options) : IDisposable
{
    /// <summary>Seconds a refused caller is told to wait.</summary>
    public const int RetryAfterSeconds = 5;

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, options.Value.MaxConcurrentPerNode),
        QueueLimit = Math.Max(0, options.Value.MaxQueuedPerNode),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A permit to embed (dispose it when done), or null when the node is saturated.</summary>
    public async Task<RateLimitLease?> EnterAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.Value.MaxQueueWait);
        try
        {
            var lease = await _limiter.AcquireAsync(1, wait.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
