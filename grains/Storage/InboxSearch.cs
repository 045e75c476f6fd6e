using System.Text;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// A workspace's conversations with the inbox's filters, newest activity first. Full-text search runs on the database:
/// PostgreSQL's tsvector column with its GIN index (<c>websearch_to_tsquery</c>), or SQLite's FTS5 table in the embedded shape.
/// </summary>
public sealed class InboxSearch(ChatSphereDatabase database)
{
    public const int MaxQueryLength = 200;

    public async Task<ConversationPage> ListAsync(string workspaceId, InboxQuery query, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        var after = PageCursor.Decode(cursor);
        var sql = new StringBuilder($"SELECT {ConversationStore.ConversationColumns} FROM cs_conversations c WHERE c.workspace_id = @ws");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("");
        command.With("ws", workspaceId);
        if (query.Mode is { } mode)
        {
            sql.Append(" AND c.mode = @mode");
            command.With("mode", (short)mode);
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND c.status = @status");
            command.With("status", (short)status);
        }

        if (query.BotId is { } botId)
        {
            sql.Append(" AND c.bot_id = @bot");
            command.With("bot", botId);
        }

        if (query.AssigneeId == InboxQuery.Unassigned)
        {
            sql.Append(" AND c.assignee_id IS NULL");
        }
        else if (query.AssigneeId is { } assignee)
        {
            sql.Append(" AND c.assignee_id = @assignee");
            command.With("assignee", assignee);
        }

        if (query.Unanswered is { } unanswered)
        {
            sql.Append(unanswered ? " AND c.unanswered > 0" : " AND c.unanswered = 0");
        }

        if (query.Rating is { } rating)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM cs_message_feedback f WHERE f.conversation_id = c.conversation_id AND f.rating = @rating)");
            command.With("rating", (short)rating);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                sql.Append(" AND EXISTS (SELECT 1 FROM cs_messages m WHERE m.conversation_id = c.conversation_id AND m.search @@ websearch_to_tsquery('simple', @q))");
                command.With("q", query.Text);
            }
            else if (Fts5Query(query.Text) is { } match)
            {
                sql.Append(" AND c.conversation_id IN (SELECT conversation_id FROM cs_messages_fts WHERE cs_messages_fts MATCH @q)");
                command.With("q", match);
            }
            else
            {
                sql.Append(" AND 1 = 0");
            }
        }

        if (after is { } a)
        {
            sql.Append(" AND (c.last_activity_at < @t OR (c.last_activity_at = @t AND c.conversation_id < @id))");
            command.With("t", a.Time).With("id", a.Id);
        }

        sql.Append(" ORDER BY c.last_activity_at DESC, c.conversation_id DESC LIMIT @limit");
        command.With("limit", limit + 1);
        command.CommandText = sql.ToString();

        var items = new List<ConversationInfo>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ConversationStore.ReadConversation(reader));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = new PageCursor(items[^1].LastActivityAt.ToUnixMs(), items[^1].Id).Encode();
        }

        return new ConversationPage(items, next);
    }

    /// <summary>The words of a search as an FTS5 query that cannot fail to parse: each a quoted term, all required.</summary>
    internal static string? Fts5Query(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text + " ")
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(ch);
            }
            else if (word.Length > 0)
            {
                words.Add("\"" + word + "\"");
                word.Clear();
            }
        }

        return words.Count == 0 ? null : string.Join(" ", words.Take(16));
    }
}
