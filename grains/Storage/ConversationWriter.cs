using System.Data.Common;
using System.Text;
using System.Text.Json;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// One writer of the conversation tables, on its own long-lived connection. A batch of writes becomes one
/// transaction holding multi-row upserts: the newest index row of each conversation, and every message. The
/// statements for each row count are prepared once and reused, so a busy silo pays per row, not per statement.
/// </summary>
internal sealed class ConversationWriter : IAsyncDisposable
{
    /// <summary>Rows per statement; larger batches are split.</summary>
    private const int MaxRowsPerStatement = 64;

    private static readonly Statement Conversations = new(
        "INSERT INTO cs_conversations (conversation_id, bot_id, workspace_id, visitor_id, page_url, started_at, last_activity_at, last_seq, last_message) VALUES ",
        9,
        " ON CONFLICT (conversation_id) DO UPDATE SET last_activity_at = excluded.last_activity_at, last_seq = excluded.last_seq, last_message = excluded.last_message");

    private static readonly Statement Messages = new(
        "INSERT INTO cs_messages (conversation_id, seq, message_id, client_message_id, role, status, text, citations, created_at) VALUES ",
        9,
        " ON CONFLICT (conversation_id, seq) DO UPDATE SET status = excluded.status, text = excluded.text, citations = excluded.citations");

    private readonly DbConnection _connection;
    private readonly Dictionary<(Statement, int), DbCommand> _prepared = [];

    private ConversationWriter(DbConnection connection) => _connection = connection;

    public static async Task<ConversationWriter> OpenAsync(ChatSphereDatabase database) => new(await database.OpenAsync());

    public async Task CommitAsync(IReadOnlyList<ConversationWrite> writes, JsonSerializerOptions json)
    {
        // A batch may hold several writes of one conversation (or, after a repair, of one message): the last wins,
        // and a multi-row upsert must not name a key twice.
        var conversations = new Dictionary<string, ConversationInfo>(StringComparer.Ordinal);
        var messages = new Dictionary<(string, long), ConversationMessage>();
        foreach (var write in writes)
        {
            conversations[write.Conversation.Id] = write.Conversation;
            foreach (var m in write.Messages)
            {
                messages[(write.Conversation.Id, m.Seq)] = m;
            }
        }

        await using var transaction = await _connection.BeginTransactionAsync();
        await WriteAsync(Conversations, conversations.Values.Select(ConversationValues).ToList(), transaction);
        await WriteAsync(Messages, messages.Select(m => MessageValues(m.Key.Item1, m.Value, json)).ToList(), transaction);
        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private async Task WriteAsync(Statement statement, List<object?[]> rows, DbTransaction transaction)
    {
        for (var start = 0; start < rows.Count; start += MaxRowsPerStatement)
        {
            var count = Math.Min(MaxRowsPerStatement, rows.Count - start);
            if (!_prepared.TryGetValue((statement, count), out var command))
            {
                command = _connection.Command(statement.Sql(count));
                for (var i = 0; i < count * statement.Columns; i++)
                {
                    command.With("p" + i, null);
                }

                command.Prepare();
                _prepared[(statement, count)] = command;
            }

            command.Transaction = transaction;
            for (var row = 0; row < count; row++)
            {
                var values = rows[start + row];
                for (var column = 0; column < statement.Columns; column++)
                {
                    command.Parameters[row * statement.Columns + column].Value = values[column] ?? DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    private static object?[] ConversationValues(ConversationInfo c) =>
    [
        c.Id, c.BotId, c.WorkspaceId, c.VisitorId, c.PageUrl, c.StartedAt.ToUnixMs(), c.LastActivityAt.ToUnixMs(), c.LastSeq, c.LastMessagePreview,
    ];

    private static object?[] MessageValues(string conversationId, ConversationMessage m, JsonSerializerOptions json) =>
    [
        conversationId, m.Seq, m.Id, m.ClientMessageId, (short)m.Role, (short)m.Status, m.Text,
        m.Citations.Count == 0 ? null : JsonSerializer.Serialize(m.Citations, json), m.CreatedAt.ToUnixMs(),
    ];

    /// <summary>A multi-row upsert: its text for any number of rows, parameters named p0, p1, ... row by row.</summary>
    private sealed class Statement(string head, int columns, string tail)
    {
        public int Columns { get; } = columns;

        public string Sql(int rows)
        {
            var sql = new StringBuilder(head);
            for (var row = 0; row < rows; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns; column++)
                {
                    sql.Append(column == 0 ? "@p" : ", @p").Append(row * Columns + column);
                }

                sql.Append(')');
            }

            return sql.Append(tail).ToString();
        }
    }
}
