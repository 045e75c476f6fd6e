using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// Keeps every embedding it produced, by text, and can save them to a file and load them again, so repeated tuning
/// runs on the same texts skip the encoder. The cache is exact (same model, same text, same vector).
/// </summary>
public sealed class EmbeddingFileCache(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public int Count => _vectors.Count;

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var generated = await base.GenerateAsync(missing, options, cancellationToken);
            for (var i = 0; i < missing.Length; i++)
            {
                _vectors[missing[i]] = generated[i].Vector.ToArray();
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(_vectors[t])));
    }

    public void Load(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            var vector = new float[reader.ReadInt32()];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = reader.ReadSingle();
            }

            _vectors[text] = vector;
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            var entries = _vectors.ToArray();
            writer.Write(entries.Length);
            foreach (var (text, vector) in entries)
            {
                writer.Write(text);
                writer.Write(vector.Length);
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
