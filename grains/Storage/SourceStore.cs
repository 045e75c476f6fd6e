// Over 300 lines: the SQL of one table (cs_knowledge_sources), its reads and writes side by side with the column list they share.
using System.Data.Common;
using System.Text.Json;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// The training sources of every chatbot (cs_knowledge_sources) with their ingestion status and counts. Deleting a
/// source deletes its pages, chunks and file in the same transaction. The knowledge grain of a bot is the only
/// writer of that bot's rows.
/// </summary>
public sealed class SourceStore(ChatSphereDatabase database, TimeProvider? time = null)
{
    private const string Columns =
        "bot_id, source_id, type, status, progress, error, title, content, question, answer, url, created_at, updated_at, "
        + "stage, progress_done, progress_total, pages, chunks, characters, last_synced_at, content_hash, sync_interval_minutes, "
        + "crawl_options, file_name, content_type, size_bytes";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTimeOffset Now => (time ?? TimeProvider.System).GetUtcNow();

    /// <summary>Stores a new source with, when given, its first indexed page and its uploaded file, in one transaction.</summary>
    public async Task InsertAsync(
        KnowledgeSource source, PageUpdate? indexed, byte[]? file = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertRowAsync(connection, transaction, source, cancellationToken);
        if (indexed is not null)
        {
            await ChunkStore.ApplyPageAsync(connection, transaction, source.BotId, source.Id, indexed, Now, cancellationToken);
        }

        if (file is not null)
        {
            await connection.Command("INSERT INTO cs_knowledge_files (bot_id, source_id, content) VALUES (@bot, @id, @content)", transaction)
                .With("bot", source.BotId).With("id", source.Id).With("content", file)
                .ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Stores many new sources, each with its indexed page, all or none.</summary>
    public async Task InsertManyAsync(IReadOnlyList<(KnowledgeSource Source, PageUpdate Indexed)> sources, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (source, indexed) in sources)
        {
            await InsertRowAsync(connection, transaction, source, cancellationToken);
            await ChunkStore.ApplyPageAsync(connection, transaction, source.BotId, source.Id, indexed, Now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records where a source's ingestion stands. False when the source does not exist.</summary>
    public async Task<bool> UpdateProgressAsync(
        string botId, string sourceId, SourceProgress progress, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "UPDATE cs_knowledge_sources SET status = @status, stage = @stage, progress = @progress, progress_done = @done, "
            + "progress_total = @total, error = @error, pages = @pages, chunks = @chunks, characters = @characters, "
            + "last_synced_at = COALESCE(@synced, last_synced_at), content_hash = COALESCE(@hash, content_hash), "
            + "title = COALESCE(@title, title), updated_at = @updated WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId)
            .With("id", sourceId)
            .With("status", (short)progress.Status)
            .With("stage", progress.Stage is { } stage ? (short)stage : null)
            .With("progress", ProgressOf(progress))
            .With("done", progress.Done)
            .With("total", progress.Total)
            .With("error", progress.Error)
            .With("pages", progress.Pages)
            .With("chunks", progress.Chunks)
            .With("characters", progress.Characters)
            .With("synced", progress.LastSyncedAt?.ToUnixMs())
            .With("hash", progress.ContentHash)
            .With("title", progress.Title is { Length: > 0 } title ? Titles.Fit(title) : null)
            .With("updated", updatedAt.ToUnixMs());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Sets a source's re-sync interval. False when the source does not exist.</summary>
    public async Task<bool> UpdateScheduleAsync(string botId, string sourceId, int? intervalMinutes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("UPDATE cs_knowledge_sources SET sync_interval_minutes = @interval WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId).With("interval", intervalMinutes)
            .ExecuteNonQueryAsync(cancellationToken) > 0;
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

    /// <summary>Ids of a bot's sources that are queued or processing: their jobs must be (re)started.</summary>
    public async Task<IReadOnlyList<string>> ListUnfinishedAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT source_id FROM cs_knowledge_sources WHERE bot_id = @bot AND status IN (@queued, @processing)")
            .With("bot", botId).With("queued", (short)SourceStatus.Queued).With("processing", (short)SourceStatus.Processing);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Ids of all of a bot's sources except those of one type.</summary>
    public async Task<IReadOnlyList<string>> ListIdsAsync(string botId, SourceType exceptType, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT source_id FROM cs_knowledge_sources WHERE bot_id = @bot AND type <> @type")
            .With("bot", botId).With("type", (short)exceptType);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The uploaded document of a file source; null when there is none.</summary>
    public async Task<byte[]?> LoadFileAsync(string botId, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var content = await connection.Command("SELECT content FROM cs_knowledge_files WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId).ExecuteScalarAsync(cancellationToken);
        return content as byte[];
    }

    /// <summary>Deletes a source with its pages, chunks and file. False when the source did not exist.</summary>
    public async Task<bool> DeleteAsync(string botId, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var table in OwnedTables)
        {
            deleted = await connection.Command($"DELETE FROM {table} WHERE bot_id = @bot AND source_id = @id", transaction)
                .With("bot", botId).With("id", sourceId).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    /// <summary>Deletes every source of a bot (with pages, chunks and files); returns how many sources there were.</summary>
    public async Task<int> DeleteAllAsync(string botId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var table in OwnedTables)
        {
            deleted = await connection.Command($"DELETE FROM {table} WHERE bot_id = @bot", transaction)
                .With("bot", botId).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The characters of a source last charged to its workspace's plan, or null when it does not exist.</summary>
    public async Task<long?> GetChargedCharactersAsync(string botId, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT charged_characters FROM cs_knowledge_sources WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    public async Task SetChargedCharactersAsync(string botId, string sourceId, long characters, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE cs_knowledge_sources SET charged_characters = @characters WHERE bot_id = @bot AND source_id = @id")
            .With("bot", botId).With("id", sourceId).With("characters", characters)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many sources of the given type a bot has.</summary>
    public async Task<int> CountAsync(string botId, SourceType type, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM cs_knowledge_sources WHERE bot_id = @bot AND type = @type")
            .With("bot", botId).With("type", (short)type);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The tables a source's rows live in; the sources table last, so its count is what delete reports.</summary>
    private static readonly string[] OwnedTables = ["cs_knowledge_chunks", "cs_knowledge_pages", "cs_knowledge_files", "cs_knowledge_sources"];

    private static double ProgressOf(SourceProgress progress) => progress.Status switch
    {
        SourceStatus.Indexed => 1,
        SourceStatus.Queued => 0,
        _ => progress.Total > 0 ? Math.Clamp((double)progress.Done / progress.Total, 0, 1) : 0,
    };

    private static async Task InsertRowAsync(DbConnection connection, DbTransaction transaction, KnowledgeSource source, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"INSERT INTO cs_knowledge_sources ({Columns}) VALUES "
            + "(@bot, @id, @type, @status, @progress, @error, @title, @content, @question, @answer, @url, @created, @updated, "
            + "@stage, @done, @total, @pages, @chunks, @characters, @synced, @hash, @interval, @crawl, @file, @content_type, @size)",
            transaction)
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
            .With("stage", source.Stage is { } stage ? (short)stage : null)
            .With("done", source.ProgressDone)
            .With("total", source.ProgressTotal)
            .With("pages", source.Pages)
            .With("chunks", source.Chunks)
            .With("characters", source.Characters)
            .With("synced", source.LastSyncedAt?.ToUnixMs())
            .With("hash", source.ContentHash)
            .With("interval", source.SyncIntervalMinutes)
            .With("crawl", source.Crawl is null ? null : JsonSerializer.Serialize(source.Crawl, Json))
            .With("file", source.FileName)
            .With("content_type", source.ContentType)
            .With("size", source.SizeBytes);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
                Stage = reader.IsDBNull(13) ? null : (SourceStage)reader.GetInt16(13),
                ProgressDone = reader.GetInt32(14),
                ProgressTotal = reader.GetInt32(15),
                Pages = reader.GetInt32(16),
                Chunks = reader.GetInt32(17),
                Characters = reader.GetInt64(18),
                LastSyncedAt = reader.IsDBNull(19) ? null : DbCommandExtensions.FromUnixMs(reader.GetInt64(19)),
                ContentHash = reader.GetNullableString(20),
                SyncIntervalMinutes = reader.IsDBNull(21) ? null : reader.GetInt32(21),
                Crawl = reader.IsDBNull(22) ? null : JsonSerializer.Deserialize<CrawlOptions>(reader.GetString(22), Json),
                FileName = reader.GetNullableString(23),
                ContentType = reader.GetNullableString(24),
                SizeBytes = reader.IsDBNull(25) ? null : reader.GetInt64(25),
            });
        }

        return sources;
    }
}
