using System.Data.Common;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Billing;

/// <summary>Monthly statements (cs_billing_statements). A workspace's billing grain is the only writer of its rows.</summary>
public sealed class BillingStatementStore(ChatSphereDatabase database)
{
    private const string Columns =
        "workspace_id, period, tier, messages_used, messages_limit, chatbots, sources, knowledge_characters, seats, created_at";

    /// <summary>Stores the statement unless the month already has one; true when this call wrote it.</summary>
    public async Task<bool> InsertOnceAsync(BillingStatement statement, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"INSERT INTO cs_billing_statements ({Columns}) VALUES " +
            "(@ws, @period, @tier, @used, @limit, @bots, @sources, @chars, @seats, @created) " +
            "ON CONFLICT (workspace_id, period) DO NOTHING")
            .With("ws", statement.WorkspaceId)
            .With("period", statement.Period)
            .With("tier", (short)statement.Tier)
            .With("used", statement.MessagesUsed)
            .With("limit", statement.MessagesLimit)
            .With("bots", statement.Chatbots)
            .With("sources", statement.Sources)
            .With("chars", statement.KnowledgeCharacters)
            .With("seats", statement.Seats)
            .With("created", statement.CreatedAt.ToUnixMs());
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Statements of a workspace, newest month first, before the month <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<BillingStatement>> ListAsync(
        string workspaceId, string? before, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM cs_billing_statements WHERE workspace_id = @ws" +
            (before is null ? "" : " AND period < @before") +
            " ORDER BY period DESC LIMIT @count")
            .With("ws", workspaceId)
            .With("count", count);
        if (before is not null)
        {
            command.With("before", before);
        }

        var statements = new List<BillingStatement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statements.Add(Read(reader));
        }

        return statements;
    }

    private static BillingStatement Read(DbDataReader reader) => new()
    {
        WorkspaceId = reader.GetString(0),
        Period = reader.GetString(1).Trim(),
        Tier = (PlanTier)reader.GetInt16(2),
        MessagesUsed = reader.GetInt64(3),
        MessagesLimit = reader.GetInt64(4),
        Chatbots = reader.GetInt64(5),
        Sources = reader.GetInt64(6),
        KnowledgeCharacters = reader.GetInt64(7),
        Seats = reader.GetInt64(8),
        CreatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(9)),
    };

    /// <summary>Deletes every statement of the workspace (the workspace is deleted).</summary>
    public async Task DeleteAllAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM cs_billing_statements WHERE workspace_id = @ws").With("ws", workspaceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
