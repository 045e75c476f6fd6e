using System.Runtime.CompilerServices;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge.Indexing;

/// <summary>
/// The chunk table as the durable side of a vector namespace: the chunks embedded by one model (<paramref name="model"/>)
/// with their vector versions, and their stored embeddings. Chunks of another model are not part of the namespace until
/// they are embedded again.
/// </summary>
public sealed class ChunkVectorRecords(ChunkStore chunks, string model) : IVectorRecordSource
{
    public IAsyncEnumerable<(string Id, long Version)> ListVersionsAsync(string botId, CancellationToken cancellationToken) =>
        chunks.ListVectorVersionsAsync(botId, model, cancellationToken);

    public async IAsyncEnumerable<VectorRecord> ReadAsync(
        string botId, IReadOnlyCollection<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in chunks.ReadVectorsAsync(botId, model, ids, cancellationToken))
        {
            yield return new VectorRecord(stored.ChunkId, stored.Vector, stored.SourceId, stored.Version);
        }
    }
}
