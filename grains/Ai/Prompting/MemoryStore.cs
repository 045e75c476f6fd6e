using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>
/// A conversation's running summary (cs_conversation_memory): the text and the last seq it covers. It is written with
/// the reply that changed it (<see cref="ConversationWrite.Memory"/>).
/// </summary>
public sealed class MemoryStore(ChatSphereDatabase database)
{
    public async Task<ConversationMemory?> LoadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT summary, summarized_seq FROM cs_conversation_memory WHERE conversation_id = @c")
            .With("c", conversationId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ConversationMemory(reader.GetString(0), reader.GetInt64(1)) : null;
    }
}

/// <summary>The summary of messages up to and including <paramref name="SummarizedSeq"/>.</summary>
public sealed record ConversationMemory(string Summary, long SummarizedSeq);
