using System.Data.Common;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Privacy;

/// <summary>
/// Finds a workspace's conversations (by age, by visitor, by email hash) and deletes them with every row that
/// belongs to one conversation. Usage records stay: the per-reply usage rows (cs_message_usage: model, token counts,
/// latency, outcome; no text) and the aggregates (cs_usage_*, billing statements) are the counts the workspace's
/// analytics and quotas rest on. They go with the workspace (<see cref="DeleteWorkspaceUsageAsync"/>).
/// </summary>
public sealed class ConversationPurge(ChatSphereDatabase database)
{
    /// <summary>Every table with rows of one conversation, children first; the conversation's index row last.</summary>
    public static readonly IReadOnlyList<string> ConversationTables =
    [
        "cs_messages", "cs_message_feedback", "cs_conversation_memory", "cs_conversation_visitors", "cs_conversations",
    ];

    /// <summary>The oldest conversations of the workspace whose last activity is before <paramref name="cutoff"/>.</summary>
    public Task<IReadOnlyList<string>> InactiveSinceAsync(string workspaceId, DateTimeOffset cutoff, int limit) => IdsAsync(
        "SELECT conversation_id FROM cs_conversations WHERE workspace_id = @ws AND last_activity_at < @cutoff ORDER BY last_activity_at LIMIT @limit",
        c => c.With("ws", workspaceId).With("cutoff", cutoff.ToUnixMs()).With("limit", limit));

    public Task<IReadOnlyList<string>> OfWorkspaceAsync(string workspaceId, int limit) => IdsAsync(
        "SELECT conversation_id FROM cs_conversations WHERE workspace_id = @ws LIMIT @limit",
        c => c.With("ws", workspaceId).With("limit", limit));

    public Task<IReadOnlyList<string>> OfVisitorAsync(string workspaceId, string visitorId, int limit) => IdsAsync(
        "SELECT conversation_id FROM cs_conversations WHERE workspace_id = @ws AND visitor_id = @visitor LIMIT @limit",
        c => c.With("ws", workspaceId).With("visitor", visitorId).With("limit", limit));

    /// <summary>Visitor ids of the workspace's conversations whose visitor gave an address with this lookup hash.</summary>
    public Task<IReadOnlyList<string>> VisitorsByEmailHashAsync(string workspaceId, string emailHash) => IdsAsync(
        "SELECT DISTINCT c.visitor_id FROM cs_conversation_visitors v JOIN cs_conversations c ON c.conversation_id = v.conversation_id "
        + "WHERE c.workspace_id = @ws AND (v.email_hash = @hash OR v.lead_email_hash = @hash)",
        c => c.With("ws", workspaceId).With("hash", emailHash));

    /// <summary>Deletes the conversations and their rows in one transaction; returns how many conversations were deleted.</summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<string> conversationIds)
    {
        if (conversationIds.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var names = conversationIds.Select((_, i) => "@c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var deleted = 0;
        foreach (var table in ConversationTables)
        {
            await using var command = connection.Command($"DELETE FROM {table} WHERE conversation_id IN ({string.Join(", ", names)})", transaction);
            var i = 0;
            foreach (var id in conversationIds)
            {
                command.With("c" + (i++).ToString(System.Globalization.CultureInfo.InvariantCulture), id);
            }

            deleted = await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return deleted;
    }

    /// <summary>A deleted workspace's usage rows (per reply, per bot per day, per month) and canned responses; its conversations went before.</summary>
    public async Task DeleteWorkspaceUsageAsync(string workspaceId)
    {
        await using var connection = await database.OpenAsync();
        foreach (var table in (string[])["cs_message_usage", "cs_usage_bot_daily", "cs_usage_workspace_monthly", "cs_canned_responses"])
        {
            await using var command = connection.Command($"DELETE FROM {table} WHERE workspace_id = @ws").With("ws", workspaceId);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<IReadOnlyList<string>> IdsAsync(string sql, Action<DbCommand> parameters)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(sql);
        parameters(command);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
