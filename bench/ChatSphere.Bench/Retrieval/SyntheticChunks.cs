using ChatSphere.Bench.Squad;
using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Retrieval;

/// <summary>
/// A large chunk set for the speed bench: real English text (runs of three consecutive SQuAD sentences, so BM25
/// postings have natural lengths) with synthetic 384-dimensional vectors clustered around random topic centres,
/// like sentence embeddings of a knowledge base. Chunk i is the same on every call (seeded by i), so the set never
/// has to be held in memory by the bench itself.
/// </summary>
public sealed class SyntheticChunks
{
    public const int Dimensions = 384;
    private const int Topics = 2000;
    private const double Spread = 0.55;

    private readonly string[] _sentences;
    private readonly float[][] _centres;

    public SyntheticChunks(IReadOnlyList<SquadDocument> documents)
    {
        _sentences = documents.SelectMany(d => d.Text.Split(". ", StringSplitOptions.RemoveEmptyEntries)).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        var random = new Random(2026);
        _centres = Enumerable.Range(0, Topics).Select(_ => Unit(random)).ToArray();
    }

    public RetrievalChunk Chunk(int i)
    {
        var start = (int)((uint)(i * 7919) % (uint)(_sentences.Length - 3));
        var text = $"{_sentences[start]}. {_sentences[start + 1]}. {_sentences[start + 2]}.";
        return new RetrievalChunk { Id = $"chunk-{i}", SourceId = $"source-{i / 50}", Title = $"Source {i / 50}", Text = text, Embedding = Vector(i) };
    }

    /// <summary>The vector of chunk i: near topic i mod the topic count.</summary>
    public float[] Vector(int i) => Near(new Random(i), _centres[i % Topics]);

    /// <summary>A query vector near a topic, drawn from <paramref name="random"/>.</summary>
    public float[] Query(Random random) => Near(random, _centres[random.Next(Topics)]);

    private static float[] Near(Random random, float[] centre)
    {
        var noise = Unit(random);
        var vector = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] = centre[d] + (float)(Spread * noise[d]);
        }

        return Normalise(vector);
    }

    private static float[] Unit(Random random)
    {
        var vector = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            // Sum of uniforms: close enough to Gaussian for direction sampling.
            vector[d] = (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        }

        return Normalise(vector);
    }

    private static float[] Normalise(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
