namespace ChatSphere.Grains.Ingestion;

/// <summary>
/// Ingestion of a source (or one page of it) cannot go on; the message is the reason shown to the bot's owner, so it
/// says what is wrong with the input, never how the code failed.
/// </summary>
public sealed class IngestionException(string reason, Exception? inner = null) : Exception(reason, inner);
