namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>A vector store cannot hold the configured model's vectors (for example a Pinecone index of other dimensions).</summary>
public sealed class VectorSpaceMismatchException(string message) : Exception(message);
