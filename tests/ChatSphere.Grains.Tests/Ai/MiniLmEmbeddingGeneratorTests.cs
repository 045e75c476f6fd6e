using System.Numerics.Tensors;
using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Tests.Ai;

public sealed class MiniLmEmbeddingGeneratorTests
{
    private readonly MiniLmEmbeddingGenerator _generator = new();

    [Fact]
    public async Task A_paraphrase_is_closer_than_an_unrelated_sentence()
    {
        var vectors = await _generator.GenerateAsync(
            ["How do I reset my password?", "I forgot my password, what can I do?", "What are your opening hours?"]);

        var paraphrase = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span);
        Assert.True(paraphrase > 0.6, $"paraphrase similarity {paraphrase}");
        Assert.True(unrelated < 0.3, $"unrelated similarity {unrelated}");
    }

    [Fact]
    public async Task Embeddings_have_384_unit_length_dimensions_and_name_the_model()
    {
        var vectors = await _generator.GenerateAsync(["Hello world", ""]);

        Assert.Equal(2, vectors.Count);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Vector.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(v.Vector.Span), 3);
            Assert.Equal("all-MiniLM-L6-v2", v.ModelId);
        });
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Equal(MiniLmEmbeddingGenerator.ProviderName, metadata.ProviderName);
    }

    [Fact]
    public async Task A_text_gets_the_same_embedding_alone_in_a_large_batch_and_under_concurrency()
    {
        const string text = "Refunds are issued within three business days.";
        var alone = (await _generator.GenerateAsync([text]))[0].Vector.ToArray();

        // 70 texts span three model batches; the text sits in the last one.
        var batch = Enumerable.Range(0, 69).Select(i => $"Filler sentence number {i} about shipping and returns.").Append(text).ToArray();
        var inBatch = (await _generator.GenerateAsync(batch))[^1].Vector.ToArray();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(async () => (await _generator.GenerateAsync([text, $"other text {i}"]))[0].Vector.ToArray())));

        Assert.True(TensorPrimitives.CosineSimilarity(alone, inBatch) > 0.9999f);
        Assert.All(concurrent, v => Assert.True(TensorPrimitives.CosineSimilarity(alone, v) > 0.9999f));
    }

    [Fact]
    public async Task The_order_of_results_follows_the_inputs()
    {
        var texts = new[] { "cats purr", "stock market crash", "kittens meow" };
        var together = await _generator.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = (await _generator.GenerateAsync([texts[i]]))[0];
            Assert.True(TensorPrimitives.CosineSimilarity(single.Vector.Span, together[i].Vector.Span) > 0.9999f);
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_refused()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["anything"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Other_dimensions_are_not_supported()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => _generator.GenerateAsync(["anything"], new EmbeddingGenerationOptions { Dimensions = 768 }));
    }
}
