using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// The conversation log (cs_messages) and the per-chatbot index (cs_conversations). Writes from all
/// conversation grains of a silo go through a group-commit queue: whatever is waiting is written in one
/// transaction, and each caller's task completes only after that transaction committed.
/// </summary>
public sealed partial class ConversationStore : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ChatSphereDatabase _database;
    private readonly ILogger<ConversationStore> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    public ConversationStore(ChatSphereDatabase database, ILogger<ConversationStore> logger)
    {
        _database = database;
        _logger = logger;
        // SQLite has one writer at a time; PostgreSQL shares commits between a few concurrent writers.
        var writers = database.Provider == DatabaseProvider.Sqlite ? 1 : 4;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>True when a write failed because a unique key (a message's client id) is taken.</summary>
    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => true,
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    /// <summary>Writes durably; completes after the commit that contains it.</summary>
    public Task WriteAsync(ConversationWrite write)
    {
        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(ConversationStore));
        }

        return pending.Completion.Task;
    }

    public async Task<ConversationInfo?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"SELECT {ConversationColumns} FROM cs_conversations WHERE conversation_id = @id")
            .With("id", conversationId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadConversation(reader) : null;
    }

    /// <summary>Conversations of a bot, newest activity first; the cursor is opaque to callers.</summary>
    public async Task<ConversationPage> ListConversationsAsync(string botId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var after = PageCursor.Decode(cursor);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var sql = $"SELECT {ConversationColumns} FROM cs_conversations WHERE bot_id = @bot"
            + (after is null ? "" : " AND (last_activity_at < @t OR (last_activity_at = @t AND conversation_id < @id))")
            + " ORDER BY last_activity_at DESC, conversation_id DESC LIMIT @limit";
        await using var command = connection.Command(sql).With("bot", botId).With("limit", limit + 1);
        if (after is { } a)
        {
            command.With("t", a.Time).With("id", a.Id);
        }

        var items = new List<ConversationInfo>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadConversation(reader));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            var last = items[^1];
            next = new PageCursor(last.LastActivityAt.ToUnixMs(), last.Id).Encode();
        }

        return new ConversationPage(items, next);
    }

    /// <summary>Messages with seq greater than <paramref name="afterSeq"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationMessage>> ReadMessagesAsync(string conversationId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadMessagesAsync(connection.Command(
            $"SELECT {MessageColumns} FROM cs_messages WHERE conversation_id = @c AND seq > @after ORDER BY seq LIMIT @limit")
            .With("c", conversationId).With("after", afterSeq).With("limit", limit), cancellationToken);
    }

    /// <summary>The newest <paramref name="count"/> messages, oldest first.</summary>
    public async Task<IReadOnlyList<ConversationMessage>> ReadTailAsync(string conversationId, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var newestFirst = await ReadMessagesAsync(connection.Command(
            $"SELECT {MessageColumns} FROM cs_messages WHERE conversation_id = @c ORDER BY seq DESC LIMIT @limit")
            .With("c", conversationId).With("limit", count), cancellationToken);
        return newestFirst.Reverse().ToList();
    }

    public async Task<ConversationMessage?> FindByClientMessageIdAsync(string conversationId, string clientMessageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var found = await ReadMessagesAsync(connection.Command(
            $"SELECT {MessageColumns} FROM cs_messages WHERE conversation_id = @c AND client_message_id = @client")
            .With("c", conversationId).With("client", clientMessageId), cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The message with the given seq, if stored.</summary>
    public async Task<ConversationMessage?> GetMessageAsync(string conversationId, long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var found = await ReadMessagesAsync(connection.Command(
            $"SELECT {MessageColumns} FROM cs_messages WHERE conversation_id = @c AND seq = @seq")
            .With("c", conversationId).With("seq", seq), cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    internal const string ConversationColumns =
        "conversation_id, bot_id, workspace_id, visitor_id, page_url, started_at, last_activity_at, last_seq, last_message, "
        + "mode, status, assignee_id, held_by_id, held_by_name, held_by_avatar, turn, unanswered, closed_at";

    private const string MessageColumns =
        "seq, message_id, client_message_id, role, status, text, citations, created_at, author_id, author_name, is_private";

    internal static ConversationInfo ReadConversation(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        BotId = reader.GetString(1),
        WorkspaceId = reader.GetString(2),
        VisitorId = reader.GetString(3),
        PageUrl = reader.GetNullableString(4),
        StartedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(5)),
        LastActivityAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(6)),
        LastSeq = reader.GetInt64(7),
        LastMessagePreview = reader.GetNullableString(8),
        Mode = (ConversationMode)reader.GetInt16(9),
        Status = (ConversationStatus)reader.GetInt16(10),
        AssigneeId = reader.GetNullableString(11),
        HeldBy = reader.GetNullableString(12) is { } holder
            ? new AgentRef { Id = holder, Name = reader.GetNullableString(13) ?? "", AvatarUrl = reader.GetNullableString(14) }
            : null,
        Turn = reader.GetInt64(15),
        UnansweredReplies = reader.GetInt32(16),
        ClosedAt = reader.IsDBNull(17) ? null : DbCommandExtensions.FromUnixMs(reader.GetInt64(17)),
    };

    private static async Task<IReadOnlyList<ConversationMessage>> ReadMessagesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var messages = new List<ConversationMessage>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var citations = reader.GetNullableString(6);
                messages.Add(new ConversationMessage
                {
                    Seq = reader.GetInt64(0),
                    Id = reader.GetString(1),
                    ClientMessageId = reader.GetNullableString(2),
                    Role = (MessageRole)reader.GetInt16(3),
                    Status = (MessageStatus)reader.GetInt16(4),
                    Text = reader.GetString(5),
                    Citations = citations is null ? [] : JsonSerializer.Deserialize<Citation[]>(citations, JsonOptions) ?? [],
                    CreatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(7)),
                    Author = reader.GetNullableString(8) is { } author ? new AgentRef { Id = author, Name = reader.GetNullableString(9) ?? "" } : null,
                    Private = reader.GetInt16(10) != 0,
                });
            }

            return messages;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        ConversationWriter? writer = null;
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                writer ??= await ConversationWriter.OpenAsync(_database);
                await writer.CommitAsync(batch.Select(p => p.Write).ToArray(), JsonOptions);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                // The connection may be broken: start afresh, and retry one by one so one bad write fails alone.
                LogBatchFailed(exception, batch.Count);
                await DisposeWriterAsync(writer);
                writer = null;
                foreach (var pending in batch)
                {
                    try
                    {
                        writer ??= await ConversationWriter.OpenAsync(_database);
                        await writer.CommitAsync([pending.Write], JsonOptions);
                        pending.Completion.TrySetResult();
                    }
                    catch (Exception single)
                    {
                        await DisposeWriterAsync(writer);
                        writer = null;
                        pending.Completion.TrySetException(single);
                    }
                }
            }
        }

        await DisposeWriterAsync(writer);
    }

    private static async Task DisposeWriterAsync(ConversationWriter? writer)
    {
        if (writer is not null)
        {
            try
            {
                await writer.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing a broken connection can fail too; it is being replaced either way.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} conversation writes failed; retrying them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed class PendingWrite(ConversationWrite write)
    {
        public ConversationWrite Write { get; } = write;
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
