using Microsoft.Extensions.AI;
using Polly;

namespace ChatSphere.Grains.Knowledge.Embeddings;

/// <summary>
/// An embedding generator whose requests run through a resilience pipeline (the model providers' own: retries with
/// backoff on 429, 5xx and network errors, honouring Retry-After, inside a circuit breaker).
/// </summary>
internal sealed class ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ResiliencePipeline pipeline)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A retry sends the same texts again.
        var texts = values.ToArray();
        return await pipeline.ExecuteAsync(async token => await base.GenerateAsync(texts, options, token), cancellationToken);
    }
}
