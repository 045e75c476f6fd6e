using System.Data.Common;
using System.Text.Json;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// One writer of the conversation tables, on its own long-lived connection. A batch of writes becomes one
/// transaction: one index-row upsert per conversation (its newest state), one upsert per message and one per running
/// summary (cs_conversation_memory). On
/// PostgreSQL the statements go as one round trip (a DbBatch); on SQLite through two prepared statements that
/// are reused for every row.
/// </summary>
internal sealed class ConversationWriter : IAsyncDisposable
{
    // The mode columns follow the newest turn, so two changes of one conversation committed by different writers in
    // the other order still leave the later turn's mode.
    private const string UpsertConversation =
        "INSERT INTO cs_conversations (conversation_id, bot_id, workspace_id, visitor_id, page_url, started_at, last_activity_at, last_seq, last_message, "
        + "mode, status, assignee_id, held_by_id, held_by_name, held_by_avatar, turn, unanswered, closed_at) "
        + "VALUES (@id, @bot, @ws, @visitor, @page, @started, @activity, @seq, @preview, @mode, @status, @assignee, @holder, @holderName, @holderAvatar, @turn, @unanswered, @closed) "
        + "ON CONFLICT (conversation_id) DO UPDATE SET last_activity_at = excluded.last_activity_at, last_seq = excluded.last_seq, last_message = excluded.last_message, "
        + "assignee_id = excluded.assignee_id, unanswered = excluded.unanswered, "
        + "mode = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.mode ELSE cs_conversations.mode END, "
        + "status = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.status ELSE cs_conversations.status END, "
        + "held_by_id = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.held_by_id ELSE cs_conversations.held_by_id END, "
        + "held_by_name = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.held_by_name ELSE cs_conversations.held_by_name END, "
        + "held_by_avatar = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.held_by_avatar ELSE cs_conversations.held_by_avatar END, "
        + "closed_at = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.closed_at ELSE cs_conversations.closed_at END, "
        + "turn = CASE WHEN excluded.turn >= cs_conversations.turn THEN excluded.turn ELSE cs_conversations.turn END";

    private const string UpsertMessage =
        "INSERT INTO cs_messages (conversation_id, seq, message_id, client_message_id, role, status, text, citations, created_at, author_id, author_name, is_private) "
        + "VALUES (@c, @seq, @id, @client, @role, @status, @text, @citations, @created, @author, @authorName, @private) "
        + "ON CONFLICT (conversation_id, seq) DO UPDATE SET status = excluded.status, text = excluded.text, citations = excluded.citations";

    private const string UpsertMemory =
        "INSERT INTO cs_conversation_memory (conversation_id, summary, summarized_seq, updated_at) VALUES (@c, @s, @q, @t) "
        + "ON CONFLICT (conversation_id) DO UPDATE SET summary = excluded.summary, summarized_seq = excluded.summarized_seq, updated_at = excluded.updated_at";

    private static readonly string[] ConversationParameters =
    [
        "id", "bot", "ws", "visitor", "page", "started", "activity", "seq", "preview",
        "mode", "status", "assignee", "holder", "holderName", "holderAvatar", "turn", "unanswered", "closed",
    ];

    private static readonly string[] MessageParameters = ["c", "seq", "id", "client", "role", "status", "text", "citations", "created", "author", "authorName", "private"];
    private static readonly string[] MemoryParameters = ["c", "s", "q", "t"];

    private readonly DbConnection _connection;
    private DbCommand? _conversationCommand;
    private DbCommand? _messageCommand;
    private DbCommand? _memoryCommand;

    private ConversationWriter(DbConnection connection) => _connection = connection;

    public static async Task<ConversationWriter> OpenAsync(ChatSphereDatabase database) => new(await database.OpenAsync());

    public async Task CommitAsync(IReadOnlyList<ConversationWrite> writes, JsonSerializerOptions json)
    {
        // Several writes of one conversation in a batch need only its newest index row and summary.
        var conversations = new Dictionary<string, GrainInterfaces.Conversations.ConversationInfo>(StringComparer.Ordinal);
        var memories = new Dictionary<string, Ai.Prompting.ConversationMemory>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            if (write.UpdateIndex)
            {
                conversations[write.Conversation.Id] = write.Conversation;
            }

            if (write.Memory is { } memory)
            {
                memories[write.Conversation.Id] = memory;
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixMs();

        await using var transaction = await _connection.BeginTransactionAsync();
        if (_connection.CanCreateBatch)
        {
            await using var batch = _connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var c in conversations.Values)
            {
                Add(batch, UpsertConversation, ConversationParameters, ConversationValues(c));
            }

            foreach (var write in writes)
            {
                foreach (var m in write.Messages)
                {
                    Add(batch, UpsertMessage, MessageParameters, MessageValues(write.Conversation.Id, m, json));
                }
            }

            foreach (var (id, memory) in memories)
            {
                Add(batch, UpsertMemory, MemoryParameters, [id, memory.Summary, memory.SummarizedSeq, now]);
            }

            await batch.ExecuteNonQueryAsync();
        }
        else
        {
            _conversationCommand ??= Prepare(UpsertConversation, ConversationParameters);
            _messageCommand ??= Prepare(UpsertMessage, MessageParameters);
            foreach (var c in conversations.Values)
            {
                await ExecuteAsync(_conversationCommand, transaction, ConversationValues(c));
            }

            foreach (var write in writes)
            {
                foreach (var m in write.Messages)
                {
                    await ExecuteAsync(_messageCommand, transaction, MessageValues(write.Conversation.Id, m, json));
                }
            }

            foreach (var (id, memory) in memories)
            {
                _memoryCommand ??= Prepare(UpsertMemory, MemoryParameters);
                await ExecuteAsync(_memoryCommand, transaction, [id, memory.Summary, memory.SummarizedSeq, now]);
            }
        }

        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_conversationCommand is not null)
        {
            await _conversationCommand.DisposeAsync();
        }

        if (_messageCommand is not null)
        {
            await _messageCommand.DisposeAsync();
        }

        if (_memoryCommand is not null)
        {
            await _memoryCommand.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private static object?[] ConversationValues(GrainInterfaces.Conversations.ConversationInfo c) =>
    [
        c.Id, c.BotId, c.WorkspaceId, c.VisitorId, c.PageUrl, c.StartedAt.ToUnixMs(), c.LastActivityAt.ToUnixMs(), c.LastSeq, c.LastMessagePreview,
        (short)c.Mode, (short)c.Status, c.AssigneeId, c.HeldBy?.Id, c.HeldBy?.Name, c.HeldBy?.AvatarUrl, c.Turn, c.UnansweredReplies, c.ClosedAt?.ToUnixMs(),
    ];

    private static object?[] MessageValues(string conversationId, GrainInterfaces.Conversations.ConversationMessage m, JsonSerializerOptions json) =>
    [
        conversationId, m.Seq, m.Id, m.ClientMessageId, (short)m.Role, (short)m.Status, m.Text,
        m.Citations.Count == 0 ? null : JsonSerializer.Serialize(m.Citations, json), m.CreatedAt.ToUnixMs(),
        m.Author?.Id, m.Author?.Name, (short)(m.Private ? 1 : 0),
    ];

    private DbCommand Prepare(string sql, string[] names)
    {
        var command = _connection.Command(sql);
        foreach (var name in names)
        {
            command.With(name, null);
        }

        command.Prepare();
        return command;
    }

    private static Task<int> ExecuteAsync(DbCommand command, DbTransaction transaction, object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync();
    }

    private static void Add(DbBatch batch, string sql, string[] names, object?[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        for (var i = 0; i < names.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
    }
}
