namespace ChatSphere.Grains.Tests.Retrieval;

/// <summary>Deterministic vectors for index tests: random unit vectors, and vectors close to a given one.</summary>
internal static class TestVectors
{
    public static float[] Random(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Normalise(vector);
    }

    /// <summary>A unit vector at a small random angle from <paramref name="center"/>.</summary>
    public static float[] Near(Random random, float[] center, double spread)
    {
        var noise = Random(random, center.Length);
        var vector = new float[center.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = center[i] + (float)(spread * noise[i]);
        }

        return Normalise(vector);
    }

    /// <summary>A unit vector along one axis.</summary>
    public static float[] Axis(int dimensions, int axis)
    {
        var vector = new float[dimensions];
        vector[axis] = 1;
        return vector;
    }

    /// <summary>The unit vector along the sum of the given axes, each with its weight.</summary>
    public static float[] Mix(int dimensions, params (int Axis, double Weight)[] parts)
    {
        var vector = new float[dimensions];
        foreach (var (axis, weight) in parts)
        {
            vector[axis] += (float)weight;
        }

        return Normalise(vector);
    }

    private static float[] Normalise(float[] vector)
    {
        var norm = (float)Math.Sqrt(vector.Sum(v => (double)v * v));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
