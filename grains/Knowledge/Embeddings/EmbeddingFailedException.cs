namespace ChatSphere.Grains.Knowledge.Embeddings;

/// <summary>
/// The knowledge base's embedding model could not embed texts; the message says why in words a bot's owner can act
/// on (the endpoint's answer, a dimension mismatch), never the API key.
/// </summary>
public sealed class EmbeddingFailedException(string message, Exception? inner = null) : Exception(message, inner);
