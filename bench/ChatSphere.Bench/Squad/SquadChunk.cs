using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Bench.Squad;

/// <summary>A chunk of a SQuAD document and the character range it covers there, which the scoring compares with the gold paragraph.</summary>
public sealed record SquadChunk(RetrievalChunk Chunk, string DocId, int Start, int End);
