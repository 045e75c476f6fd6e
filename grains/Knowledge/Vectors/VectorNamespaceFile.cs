using System.Text;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// A namespace on disk, in its own folder: <c>manifest.bin</c> names the embedding model and lists every record (id,
/// key, source, chunk version) and, for an exact namespace, its vector; an HNSW namespace keeps its vectors in the USearch file the manifest
/// names. Every save writes new files and replaces the manifest last by an atomic rename, so a crash mid-save leaves
/// the previous consistent pair; what the index missed since is replayed from the chunk table
/// (<see cref="EmbeddedVectorStore.ReconcileAsync"/>).
/// </summary>
internal static class VectorNamespaceFile
{
    private const string ManifestName = "manifest.bin";
    private const uint Magic = 0x53565343; // "CSVS"
    private const int Format = 2;

    /// <summary>Format 1 did not name the model; such a namespace loads with an empty model and is rebuilt once.</summary>
    private const int FormatWithoutModel = 1;

    public static void Save(VectorNamespace vectors, string folder)
    {
        Directory.CreateDirectory(folder);
        var set = vectors.Set;
        string? graphFile = null;
        if (set is HnswVectorSet hnsw)
        {
            // A new name each save, so the manifest never names a graph file half written.
            graphFile = $"hnsw-{Guid.NewGuid():N}.usearch";
            hnsw.Save(Path.Combine(folder, graphFile));
        }

        var manifest = Path.Combine(folder, ManifestName);
        var temporary = manifest + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Format);
            writer.Write(vectors.Dimensions);
            writer.Write(vectors.Model);
            writer.Write(vectors.NextKey);
            writer.Write(graphFile ?? "");
            writer.Write(vectors.Count);
            foreach (var entry in vectors.Entries)
            {
                writer.Write(entry.Key);
                writer.Write(entry.Id);
                writer.Write(entry.SourceId);
                writer.Write(entry.Version);
                if (set is ExactVectorSet exact)
                {
                    foreach (var value in exact.Get(entry.Key))
                    {
                        writer.Write(value);
                    }
                }
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, manifest, overwrite: true);
        vectors.PendingChanges = 0;
        foreach (var stale in Directory.EnumerateFiles(folder, "hnsw-*.usearch"))
        {
            if (Path.GetFileName(stale) != graphFile)
            {
                File.Delete(stale);
            }
        }
    }

    /// <summary>The saved namespace, or an empty one when the folder holds none.</summary>
    public static VectorNamespace Load(string folder, EmbeddedVectorStoreOptions options)
    {
        var vectors = new VectorNamespace(options);
        var manifest = Path.Combine(folder, ManifestName);
        if (!File.Exists(manifest))
        {
            return vectors;
        }

        using var stream = new FileStream(manifest, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var format = reader.ReadUInt32() == Magic ? reader.ReadInt32() : 0;
        if (format is not (Format or FormatWithoutModel))
        {
            throw new InvalidDataException($"{manifest} is not a vector namespace manifest of format {Format}.");
        }

        var dimensions = reader.ReadInt32();
        vectors.Model = format == Format ? reader.ReadString() : "";
        var nextKey = reader.ReadUInt64();
        var graphFile = reader.ReadString();
        var count = reader.ReadInt32();
        if (count == 0)
        {
            return vectors;
        }

        IVectorSet set = graphFile.Length > 0
            ? HnswVectorSet.Load(Path.Combine(folder, graphFile), dimensions)
            : new ExactVectorSet(dimensions);
        var entries = new List<VectorEntry>(count);
        var vector = new float[dimensions];
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadUInt64();
            var id = reader.ReadString();
            var sourceId = reader.ReadString();
            var entry = new VectorEntry(id, key, sourceId, reader.ReadInt64());
            if (set is ExactVectorSet exact)
            {
                for (var d = 0; d < dimensions; d++)
                {
                    vector[d] = reader.ReadSingle();
                }

                exact.Add(entry.Key, vector);
            }

            entries.Add(entry);
        }

        if (set.Count != count)
        {
            set.Dispose();
            throw new InvalidDataException($"{folder} lists {count} records but its index holds {set.Count}.");
        }

        vectors.Restore(set, entries, nextKey);
        return vectors;
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
