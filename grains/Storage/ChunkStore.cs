using System.Data.Common;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// The pages (cs_knowledge_pages) and chunks (cs_knowledge_chunks) of every chatbot's sources. Chunks carry their
/// embedding with the model that made it, so a knowledge grain restores its index from here without re-embedding.
/// </summary>
public sealed partial class ChunkStore(ChatSphereDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const int MaxIdsPerQuery = 500;

    /// <summary>The vector version of a chunk as first stored; embedding it again raises it by one.</summary>
    public const long FirstVectorVersion = 1;

    /// <summary>The chunks among <paramref name="chunkIds"/> that exist, with what a citation shows of their source.</summary>
    public async Task<IReadOnlyDictionary<string, ChunkHitRow>> GetHitsAsync(
        string botId, IReadOnlyList<string> chunkIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, ChunkHitRow>(StringComparer.Ordinal);
        if (chunkIds.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var batch in chunkIds.Chunk(MaxIdsPerQuery))
        {
            await using var command = connection.Command(
                "SELECT c.chunk_id, c.source_id, c.page_key, c.title, c.heading_path, c.text, s.type, s.url, s.question, s.title, s.file_name "
                + "FROM cs_knowledge_chunks c JOIN cs_knowledge_sources s ON s.bot_id = c.bot_id AND s.source_id = c.source_id "
                + $"WHERE c.bot_id = @bot AND c.chunk_id IN ({Names(batch.Length)})")
                .With("bot", botId);
            AddIds(command, batch);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new ChunkHitRow(
                    ChunkId: reader.GetString(0),
                    SourceId: reader.GetString(1),
                    PageKey: reader.GetString(2),
                    Title: reader.GetString(3),
                    HeadingPath: reader.GetString(4),
                    Text: reader.GetString(5),
                    Type: (SourceType)reader.GetInt16(6),
                    SourceUrl: reader.GetNullableString(7),
                    Question: reader.GetNullableString(8),
                    SourceTitle: reader.GetString(9),
                    FileName: reader.GetNullableString(10));
                found[row.ChunkId] = row;
            }
        }

        return found;
    }

    /// <summary>The stored pages of a source, by page key.</summary>
    public async Task<IReadOnlyDictionary<string, IngestedPage>> ListPagesAsync(string botId, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT page_key, title, content_hash, characters, chunk_count, fetched_at FROM cs_knowledge_pages WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId);
        var pages = new Dictionary<string, IngestedPage>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pages[reader.GetString(0)] = new IngestedPage
            {
                PageKey = reader.GetString(0),
                Title = reader.GetString(1),
                ContentHash = reader.GetString(2),
                Characters = reader.GetInt64(3),
                ChunkCount = reader.GetInt32(4),
                FetchedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(5)),
            };
        }

        return pages;
    }

    /// <summary>The chunk ids of one page of a source by content hash (a hash seen twice keeps one id).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListPageChunksAsync(
        string botId, string sourceId, string pageKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT chunk_id, content_hash FROM cs_knowledge_chunks WHERE bot_id = @bot AND source_id = @id AND page_key = @page")
            .With("bot", botId).With("id", sourceId).With("page", pageKey);
        var chunks = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.TryAdd(reader.GetString(1), reader.GetString(0));
        }

        return chunks;
    }

    /// <summary>The character offsets of a page's chunks, by chunk id.</summary>
    public async Task<IReadOnlyDictionary<string, (int Start, int End)>> ListOffsetsAsync(
        string botId, string sourceId, string pageKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT chunk_id, start_offset, end_offset FROM cs_knowledge_chunks WHERE bot_id = @bot AND source_id = @id AND page_key = @page")
            .With("bot", botId).With("id", sourceId).With("page", pageKey);
        var offsets = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offsets[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }

        return offsets;
    }

    /// <summary>All chunk ids of one page of a source.</summary>
    public async Task<IReadOnlyList<string>> ListChunkIdsAsync(string botId, string sourceId, string pageKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT chunk_id FROM cs_knowledge_chunks WHERE bot_id = @bot AND source_id = @id AND page_key = @page")
            .With("bot", botId).With("id", sourceId).With("page", pageKey);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Applies a page's chunk changes and records the page, in one transaction.</summary>
    public async Task ApplyPageAsync(string botId, string sourceId, PageUpdate update, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ApplyPageAsync(connection, transaction, botId, sourceId, update, _time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes pages of a source and their chunks; returns the ids of the chunks deleted.</summary>
    public async Task<IReadOnlyList<string>> RemovePagesAsync(
        string botId, string sourceId, IReadOnlyList<string> pageKeys, CancellationToken cancellationToken = default)
    {
        var removed = new List<string>();
        foreach (var pageKey in pageKeys)
        {
            removed.AddRange(await ListChunkIdsAsync(botId, sourceId, pageKey, cancellationToken));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var pageKey in pageKeys)
        {
            foreach (var table in new[] { "cs_knowledge_chunks", "cs_knowledge_pages" })
            {
                await connection.Command($"DELETE FROM {table} WHERE bot_id = @bot AND source_id = @id AND page_key = @page", transaction)
                    .With("bot", botId).With("id", sourceId).With("page", pageKey).ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Stores a page's chunk changes in the caller's transaction; <paramref name="now"/> dates the added chunks.</summary>
    internal static async Task ApplyPageAsync(
        DbConnection connection, DbTransaction transaction, string botId, string sourceId, PageUpdate update, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var batch in update.RemovedChunkIds.Chunk(MaxIdsPerQuery))
        {
            await using var delete = connection.Command(
                $"DELETE FROM cs_knowledge_chunks WHERE bot_id = @bot AND source_id = @source AND chunk_id IN ({Names(batch.Length)})", transaction)
                .With("bot", botId).With("source", sourceId);
            AddIds(delete, batch);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var position in update.Kept)
        {
            await connection.Command(
                "UPDATE cs_knowledge_chunks SET start_offset = @start, end_offset = @end WHERE bot_id = @bot AND chunk_id = @chunk", transaction)
                .With("bot", botId).With("chunk", position.ChunkId).With("start", position.StartOffset).With("end", position.EndOffset)
                .ExecuteNonQueryAsync(cancellationToken);
        }

        var createdAt = now.ToUnixMs();
        foreach (var chunk in update.Added)
        {
            await using var insert = connection.Command(
                "INSERT INTO cs_knowledge_chunks (bot_id, chunk_id, source_id, page_key, title, heading_path, text, start_offset, end_offset, "
                + "content_hash, embedding, embedding_model, vector_version, created_at) "
                + "VALUES (@bot, @chunk, @source, @page, @title, @path, @text, @start, @end, @hash, @embedding, @model, @version, @created)",
                transaction)
                .With("bot", botId)
                .With("chunk", chunk.ChunkId)
                .With("source", sourceId)
                .With("page", update.Page.PageKey)
                .With("title", Titles.Fit(chunk.Title))
                .With("path", chunk.HeadingPath)
                .With("text", chunk.Text)
                .With("start", chunk.StartOffset)
                .With("end", chunk.EndOffset)
                .With("hash", chunk.ContentHash)
                .With("embedding", EmbeddingBytes.From(chunk.Embedding))
                .With("model", chunk.EmbeddingModel)
                .With("version", FirstVectorVersion)
                .With("created", createdAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var page = update.Page;
        await connection.Command(
            "INSERT INTO cs_knowledge_pages (bot_id, source_id, page_key, title, content_hash, characters, chunk_count, fetched_at) "
            + "VALUES (@bot, @source, @page, @title, @hash, @characters, @count, @fetched) ON CONFLICT (bot_id, source_id, page_key) DO UPDATE SET "
            + "title = excluded.title, content_hash = excluded.content_hash, characters = excluded.characters, "
            + "chunk_count = excluded.chunk_count, fetched_at = excluded.fetched_at",
            transaction)
            .With("bot", botId)
            .With("source", sourceId)
            .With("page", page.PageKey)
            .With("title", Titles.Fit(page.Title))
            .With("hash", page.ContentHash)
            .With("characters", page.Characters)
            .With("count", page.ChunkCount)
            .With("fetched", page.FetchedAt.ToUnixMs())
            .ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Names(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@c" + i));

    private static void AddIds(DbCommand command, IEnumerable<string> ids)
    {
        var index = 0;
        foreach (var id in ids)
        {
            command.With("c" + index++, id);
        }
    }
}

/// <summary>A stored chunk with what a citation shows of its source.</summary>
public sealed record ChunkHitRow(
    string ChunkId, string SourceId, string PageKey, string Title, string HeadingPath, string Text,
    SourceType Type, string? SourceUrl, string? Question, string SourceTitle, string? FileName);
