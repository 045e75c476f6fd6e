using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>A conversation's running summary (cs_conversation_memory): the text and the last seq it covers.</summary>
public sealed class MemoryStore(ChatSphereDatabase database)
{
    public async Task<ConversationMemory?> LoadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT summary, summarized_seq FROM cs_conversation_memory WHERE conversation_id = @c")
            .With("c", conversationId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ConversationMemory(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public async Task SaveAsync(string conversationId, ConversationMemory memory, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var upsert = connection.Command(
                "INSERT INTO cs_conversation_memory (conversation_id, summary, summarized_seq, updated_at) VALUES (@c, @s, @q, @t) " +
                "ON CONFLICT (conversation_id) DO UPDATE SET summary = excluded.summary, summarized_seq = excluded.summarized_seq, updated_at = excluded.updated_at")
            .With("c", conversationId).With("s", memory.Summary).With("q", memory.SummarizedSeq).With("t", DateTimeOffset.UtcNow.ToUnixMs());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The summary of messages up to and including <paramref name="SummarizedSeq"/>.</summary>
public sealed record ConversationMemory(string Summary, long SummarizedSeq);
