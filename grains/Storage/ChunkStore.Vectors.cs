using System.Runtime.CompilerServices;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Storage;

// What a knowledge grain reads to bring its indexes in step with the chunk table, and how chunks made by another
// embedding model are embedded again.
public sealed partial class ChunkStore
{
    /// <summary>
    /// Every chunk of a bot without its embedding (what keyword search needs), with its source's type and, for a Q&amp;A
    /// pair, its question (what curated answers need), in stored order.
    /// </summary>
    public async IAsyncEnumerable<ChunkText> ReadTextsAsync(string botId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT c.chunk_id, c.source_id, c.title, c.heading_path, c.text, c.embedding_model, c.vector_version, s.type, s.question "
            + "FROM cs_knowledge_chunks c LEFT JOIN cs_knowledge_sources s ON s.bot_id = c.bot_id AND s.source_id = c.source_id "
            + "WHERE c.bot_id = @bot ORDER BY c.created_at, c.chunk_id")
            .With("bot", botId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ChunkText(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetInt64(6))
            {
                Type = reader.IsDBNull(7) ? SourceType.Text : (SourceType)reader.GetInt16(7),
                Question = reader.GetNullableString(8),
            };
        }
    }

    /// <summary>The chunks of a bot embedded by <paramref name="model"/>, with their vector versions.</summary>
    public async IAsyncEnumerable<(string ChunkId, long Version)> ListVectorVersionsAsync(
        string botId, string model, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT chunk_id, vector_version FROM cs_knowledge_chunks WHERE bot_id = @bot AND embedding_model = @model")
            .With("bot", botId).With("model", model);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetString(0), reader.GetInt64(1));
        }
    }

    /// <summary>The embeddings of the given chunks that exist and were made by <paramref name="model"/>.</summary>
    public async IAsyncEnumerable<ChunkVector> ReadVectorsAsync(
        string botId, string model, IReadOnlyCollection<string> chunkIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var batch in chunkIds.Chunk(MaxIdsPerQuery))
        {
            await using var command = connection.Command(
                "SELECT chunk_id, source_id, vector_version, embedding FROM cs_knowledge_chunks "
                + $"WHERE bot_id = @bot AND embedding_model = @model AND chunk_id IN ({Names(batch.Length)})")
                .With("bot", botId).With("model", model);
            AddIds(command, batch);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new ChunkVector(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2), EmbeddingBytes.ToVector(reader.GetFieldValue<byte[]>(3)));
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> chunks of a bot embedded by another model than <paramref name="model"/>, with what their embedding is made from.</summary>
    public async Task<IReadOnlyList<ChunkToEmbed>> ListOtherModelAsync(string botId, string model, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT c.chunk_id, c.source_id, c.title, c.heading_path, c.text, c.embedding_model, s.type, s.question "
            + "FROM cs_knowledge_chunks c JOIN cs_knowledge_sources s ON s.bot_id = c.bot_id AND s.source_id = c.source_id "
            + "WHERE c.bot_id = @bot AND c.embedding_model <> @model ORDER BY c.created_at, c.chunk_id LIMIT @limit")
            .With("bot", botId).With("model", model).With("limit", limit);
        var found = new List<ChunkToEmbed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new ChunkToEmbed(
                new ChunkText(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), 0),
                (SourceType)reader.GetInt16(6),
                reader.GetNullableString(7)));
        }

        return found;
    }

    /// <summary>Counts the chunks of a bot embedded by another model than <paramref name="model"/>.</summary>
    public async Task<int> CountOtherModelAsync(string botId, string model, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var count = await connection.Command("SELECT COUNT(*) FROM cs_knowledge_chunks WHERE bot_id = @bot AND embedding_model <> @model")
            .With("bot", botId).With("model", model).ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stores new embeddings of <paramref name="model"/> for chunks, in one transaction, each only if the chunk still
    /// has the embedding it was read with (<see cref="ChunkEmbedding.FromModel"/>); its vector version goes up by one.
    /// Returns the chunks updated with their new versions.
    /// </summary>
    public async Task<IReadOnlyList<ChunkVector>> ReplaceEmbeddingsAsync(
        string botId, string model, IReadOnlyList<ChunkEmbedding> embeddings, CancellationToken cancellationToken = default)
    {
        var updated = new List<ChunkVector>(embeddings.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var embedding in embeddings)
        {
            await using var command = connection.Command(
                "UPDATE cs_knowledge_chunks SET embedding = @embedding, embedding_model = @model, vector_version = vector_version + 1 "
                + "WHERE bot_id = @bot AND chunk_id = @chunk AND embedding_model = @from RETURNING source_id, vector_version", transaction)
                .With("bot", botId).With("chunk", embedding.ChunkId).With("from", embedding.FromModel)
                .With("model", model).With("embedding", EmbeddingBytes.From(embedding.Vector));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                updated.Add(new ChunkVector(embedding.ChunkId, reader.GetString(0), reader.GetInt64(1), embedding.Vector));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return updated;
    }
}

/// <summary>A stored chunk's text and where it sits, with the model and version of its stored embedding.</summary>
public sealed record ChunkText(
    string ChunkId, string SourceId, string Title, string HeadingPath, string Text, string EmbeddingModel, long VectorVersion)
{
    public SourceType Type { get; init; } = SourceType.Text;

    /// <summary>For a Q&amp;A pair, its question (what its embedding stands for).</summary>
    public string? Question { get; init; }
}

/// <summary>A stored chunk's embedding with its vector version.</summary>
public sealed record ChunkVector(string ChunkId, string SourceId, long Version, float[] Vector);

/// <summary>A chunk to embed again: its text, and its source's type and question (a Q&amp;A pair embeds its question).</summary>
public sealed record ChunkToEmbed(ChunkText Chunk, SourceType SourceType, string? Question);

/// <summary>A new embedding for a chunk that still had one of <see cref="FromModel"/>.</summary>
public sealed record ChunkEmbedding(string ChunkId, string FromModel, float[] Vector);
