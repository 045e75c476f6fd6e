namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// The embedding model whose vectors a namespace holds, as a stable name (for example
/// <c>embedded:all-MiniLM-L6-v2</c> or <c>openai:text-embedding-3-small@512</c>), and their dimensions (0 when the
/// model does not declare them). Vectors of two spaces are never compared: a namespace made by another model is
/// emptied and filled again from the chunk table.
/// </summary>
public sealed record VectorSpace(string Model, int Dimensions);
