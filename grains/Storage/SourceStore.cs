using System.Data.Common;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// The training sources of every chatbot (cs_knowledge_sources), each row with its content and, once indexed, its
/// embedding. The knowledge grain of a bot is the only writer of that bot's rows.
/// </summary>
public sealed class SourceStore(ChatSphereDatabase database)
{
    private const string Columns =
        "bot_id, source_id, type, status, progress, error, title, content, question, answer, url, created_at, updated_at";

    /// <summary>Stores a new source, with its embedding when it has one.</summary>
    public async Task InsertAsync(KnowledgeSource source, ReadOnlyMemory<float>? embedding, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"INSERT INTO cs_knowledge_sources ({Columns}, embedding) VALUES " +
            "(@bot, @id, @type, @status, @progress, @error, @title, @content, @question, @answer, @url, @created, @updated, @embedding)")
            .With("bot", source.BotId)
            .With("id", source.Id)
            .With("type", (short)source.Type)
            .With("status", (short)source.Status)
            .With("progress", source.Progress)
            .With("error", source.Error)
            .With("title", source.Title)
            .With("content", source.Text)
            .With("question", source.Question)
            .With("answer", source.Answer)
            .With("url", source.Url)
            .With("created", source.CreatedAt.ToUnixMs())
            .With("updated", source.UpdatedAt.ToUnixMs())
            .With("embedding", embedding is { } vector ? EmbeddingBytes.From(vector.Span) : null);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records where a source's indexing stands; the embedding is replaced when one is given and kept otherwise.
    /// False when the source does not exist.
    /// </summary>
    public async Task<bool> UpdateIndexingAsync(
        string botId, string sourceId, SourceStatus status, double progress, string? error, ReadOnlyMemory<float>? embedding,
        DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE cs_knowledge_sources SET status = @status, progress = @progress, error = @error, updated_at = @updated"
            + (embedding is null ? "" : ", embedding = @embedding")
            + " WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId)
            .With("id", sourceId)
            .With("status", (short)status)
            .With("progress", progress)
            .With("error", error)
            .With("updated", updatedAt.ToUnixMs());
        if (embedding is { } vector)
        {
            command.With("embedding", EmbeddingBytes.From(vector.Span));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<KnowledgeSource?> GetAsync(string botId, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM cs_knowledge_sources WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId);
        var found = await ReadSourcesAsync(command, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The sources among <paramref name="sourceIds"/> that exist, by id.</summary>
    public async Task<IReadOnlyDictionary<string, KnowledgeSource>> GetManyAsync(
        string botId, IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken = default)
    {
        if (sourceIds.Count == 0)
        {
            return new Dictionary<string, KnowledgeSource>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var names = sourceIds.Select((_, i) => "@s" + i).ToArray();
        await using var command = connection.Command(
            $"SELECT {Columns} FROM cs_knowledge_sources WHERE bot_id = @bot AND source_id IN ({string.Join(", ", names)})")
            .With("bot", botId);
        var index = 0;
        foreach (var id in sourceIds)
        {
            command.With("s" + index++, id);
        }

        var found = await ReadSourcesAsync(command, cancellationToken);
        return found.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>Sources of a bot, newest first, <paramref name="limit"/> per page, after the opaque <paramref name="cursor"/>.</summary>
    public async Task<SourcePage> ListAsync(string botId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = PageCursor.Decode(cursor);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM cs_knowledge_sources WHERE bot_id = @bot"
            + (after is null ? "" : " AND (created_at < @after_time OR (created_at = @after_time AND source_id < @after_id))")
            + " ORDER BY created_at DESC, source_id DESC LIMIT @limit")
            .With("bot", botId)
            .With("limit", limit + 1);
        if (after is { } position)
        {
            command.With("after_time", position.Time).With("after_id", position.Id);
        }

        var items = await ReadSourcesAsync(command, cancellationToken);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = new PageCursor(items[^1].CreatedAt.ToUnixMs(), items[^1].Id).Encode();
        }

        return new SourcePage(items, next);
    }

    /// <summary>False when the source did not exist.</summary>
    public async Task<bool> DeleteAsync(string botId, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM cs_knowledge_sources WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes every source of a bot; returns how many there were.</summary>
    public async Task<int> DeleteAllAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM cs_knowledge_sources WHERE bot_id = @bot").With("bot", botId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many sources of the given type a bot has.</summary>
    public async Task<int> CountAsync(string botId, SourceType type, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM cs_knowledge_sources WHERE bot_id = @bot AND type = @type")
            .With("bot", botId).With("type", (short)type);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The embeddings of all of a bot's Q&amp;A pairs that have one, oldest first.</summary>
    public async Task<IReadOnlyList<StoredEmbedding>> LoadQaEmbeddingsAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT source_id, embedding FROM cs_knowledge_sources WHERE bot_id = @bot AND type = @type AND embedding IS NOT NULL"
            + " ORDER BY created_at, source_id")
            .With("bot", botId).With("type", (short)SourceType.Qa);
        var embeddings = new List<StoredEmbedding>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            embeddings.Add(new StoredEmbedding(reader.GetString(0), EmbeddingBytes.ToVector(reader.GetFieldValue<byte[]>(1))));
        }

        return embeddings;
    }

    private static async Task<List<KnowledgeSource>> ReadSourcesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var sources = new List<KnowledgeSource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new KnowledgeSource
            {
                BotId = reader.GetString(0),
                Id = reader.GetString(1),
                Type = (SourceType)reader.GetInt16(2),
                Status = (SourceStatus)reader.GetInt16(3),
                Progress = reader.GetDouble(4),
                Error = reader.GetNullableString(5),
                Title = reader.GetString(6),
                Text = reader.GetNullableString(7),
                Question = reader.GetNullableString(8),
                Answer = reader.GetNullableString(9),
                Url = reader.GetNullableString(10),
                CreatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(11)),
                UpdatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(12)),
            });
        }

        return sources;
    }
}
