using System.Diagnostics;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The SQuAD articles as one bot's knowledge: chunked, embedded and indexed into a <see cref="HybridRetriever"/> over
/// an <see cref="EmbeddedVectorStore"/> in a temporary folder.
/// </summary>
public sealed class SquadCorpus : IDisposable
{
    public const string BotId = "squad";

    private readonly EmbeddedVectorStore _store;
    private readonly string _folder;

    private SquadCorpus(EmbeddedVectorStore store, string folder, HybridRetriever retriever, IReadOnlyDictionary<string, SquadChunk> chunks, TimeSpan indexing)
    {
        _store = store;
        _folder = folder;
        Retriever = retriever;
        Chunks = chunks;
        Indexing = indexing;
    }

    public HybridRetriever Retriever { get; }

    public IReadOnlyDictionary<string, SquadChunk> Chunks { get; }

    public TimeSpan Indexing { get; }

    public static async Task<SquadCorpus> BuildAsync(IReadOnlyList<SquadDocument> documents, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken, double k1 = 0.9, double b = 0.4)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"chatsphere-squad-{Guid.NewGuid():N}");
        var store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Folder = folder }, NullLogger<EmbeddedVectorStore>.Instance);
        var retriever = new HybridRetriever(store, BotId, k1, b);
        var watch = Stopwatch.StartNew();
        var chunks = documents.SelectMany(ParagraphChunker.Chunk).ToList();
        var embeddings = await embedder.GenerateAsync(chunks.Select(c => c.Chunk.Text), cancellationToken: cancellationToken);
        var indexed = chunks.Select((c, i) => c.Chunk with { Embedding = embeddings[i].Vector.ToArray() }).ToArray();
        await retriever.IndexAsync(indexed, cancellationToken);
        return new SquadCorpus(store, folder, retriever, chunks.ToDictionary(c => c.Chunk.Id), watch.Elapsed);
    }

    public void Dispose()
    {
        _store.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
