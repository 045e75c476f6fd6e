using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// Keeps the embeddings of the most recently used texts in memory (at most <see cref="Capacity"/>), so the sentences
/// of knowledge that answers often (and repeated questions) are embedded once rather than on every reply. Misses are
/// embedded together in one call to the inner generator.
/// </summary>
public sealed class SentenceEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner)
    : CachingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public const int Capacity = 10_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.2 });

    /// <summary>The text itself when there are no options (the usual case); otherwise a hash of all values.</summary>
    protected override string GetCacheKey(ReadOnlySpan<object?> values) =>
        values is [string text, ..] && (values.Length == 1 || (values.Length == 2 && values[1] is null)) ? text : AIJsonUtilities.HashDataToString(values);

    protected override Task<Embedding<float>?> ReadCacheAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_cache.TryGetValue(key, out Embedding<float>? embedding) ? embedding : null);

    protected override Task WriteCacheAsync(string key, Embedding<float> value, CancellationToken cancellationToken)
    {
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1 });
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cache.Dispose();
        }

        // The inner generator belongs to the container, not to this cache.
    }
}
