using System.Numerics.Tensors;
using System.Text;

namespace ChatSphere.Grains.Tests.Ai.FakeOpenAi;

/// <summary>
/// A deterministic stand-in for an embedding model: each lower-cased word adds one to the dimension its FNV-1a hash
/// falls in, and the vector is normalised. Texts sharing words are similar, which is enough to see ranking work.
/// </summary>
public static class HashedWords
{
    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(word))
            {
                hash = (hash ^ b) * 16777619u;
            }

            vector[hash % (uint)dimensions] += 1;
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 2);
}
