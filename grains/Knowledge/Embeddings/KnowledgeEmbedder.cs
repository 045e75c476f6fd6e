using System.ClientModel;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace ChatSphere.Grains.Knowledge.Embeddings;

/// <summary>
/// The knowledge base's embedding model: the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> configured in
/// <c>ChatSphere:Knowledge:Embeddings</c>, the <see cref="VectorSpace"/> its vectors belong to, and batching. Every
/// failure comes out as an <see cref="EmbeddingFailedException"/> with a reason fit for a source's status, and every
/// vector is checked to have the space's dimensions.
/// </summary>
public sealed class KnowledgeEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, VectorSpace space, int batchSize)
{
    public VectorSpace Space { get; } = space;

    /// <summary>Texts per request to the model.</summary>
    public int BatchSize { get; } = Math.Max(1, batchSize);

    /// <summary>The vectors of <paramref name="texts"/>, in order, requested <see cref="BatchSize"/> at a time.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(BatchSize))
        {
            vectors.AddRange(await EmbedBatchAsync(batch, cancellationToken));
        }

        return vectors;
    }

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default) =>
        (await EmbedBatchAsync([text], cancellationToken))[0];

    private async Task<float[][]> EmbedBatchAsync(string[] batch, CancellationToken cancellationToken)
    {
        GeneratedEmbeddings<Embedding<float>> generated;
        try
        {
            generated = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingFailedException($"Embedding with {Space.Model} failed: {Reason(failure)}.", failure);
        }

        if (generated.Count != batch.Length)
        {
            throw new EmbeddingFailedException($"Embedding with {Space.Model} failed: {batch.Length} texts were sent but {generated.Count} vectors came back.");
        }

        var vectors = generated.Select(e => e.Vector.ToArray()).ToArray();
        var expected = Space.Dimensions > 0 ? Space.Dimensions : vectors[0].Length;
        if (vectors.FirstOrDefault(v => v.Length != expected) is { } wrong)
        {
            throw new EmbeddingFailedException(Space.Dimensions > 0
                ? $"Embedding with {Space.Model} returned {wrong.Length}-dimensional vectors, but {KnowledgeEmbeddingOptions.SectionName}:Dimensions is {Space.Dimensions}; set it to the model's size."
                : $"Embedding with {Space.Model} returned vectors of different dimensions ({expected} and {wrong.Length}).");
        }

        return vectors;
    }

    private static string Reason(Exception failure) => failure switch
    {
        ClientResultException { Status: > 0 } http => $"the endpoint answered {http.Status} ({FirstLine(http.Message)})",
        ClientResultException or HttpRequestException or IOException => $"the endpoint could not be reached ({FirstLine(failure.Message)})",
        BrokenCircuitException => "the endpoint failed repeatedly, so it is given a rest; try again in a minute",
        TimeoutException or OperationCanceledException => "the endpoint did not answer in time",
        _ => FirstLine(failure.Message),
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
