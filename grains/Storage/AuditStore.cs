using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSphere.GrainInterfaces.Audit;

namespace ChatSphere.Grains.Storage;

/// <summary>The append-only audit log (cs_audit_log) and the deployment's IP hashing key (cs_deployment_keys).</summary>
public sealed class AuditStore(ChatSphereDatabase database)
{
    private const string IpKeyName = "audit-ip-hash";
    private const string Columns =
        "workspace_id, entry_id, occurred_at, action, actor_type, actor_id, actor_name, target_type, target_id, ip_hash, changes";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private byte[]? _ipKey;

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"INSERT INTO cs_audit_log ({Columns}) VALUES " +
            "(@ws, @id, @at, @action, @actorType, @actor, @actorName, @targetType, @target, @ip, @changes)")
            .With("ws", entry.WorkspaceId)
            .With("id", entry.Id)
            .With("at", entry.OccurredAt.ToUnixMs())
            .With("action", entry.Action)
            .With("actorType", (short)entry.ActorType)
            .With("actor", entry.ActorId)
            .With("actorName", entry.ActorName)
            .With("targetType", entry.TargetType)
            .With("target", entry.TargetId)
            .With("ip", entry.IpHash)
            .With("changes", entry.Changes.Count == 0 ? null : JsonSerializer.Serialize(entry.Changes, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Newest first; <paramref name="after"/> is the cursor of the last entry of the previous page.</summary>
    internal async Task<IReadOnlyList<AuditEntry>> QueryAsync(
        string workspaceId, AuditQuery query, PageCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = new StringBuilder($"SELECT {Columns} FROM cs_audit_log WHERE workspace_id = @ws");
        await using var command = connection.Command("").With("ws", workspaceId);
        if (query.Action is { } action)
        {
            if (action.EndsWith('.'))
            {
                sql.Append(" AND action >= @actionFrom AND action < @actionTo");
                command.With("actionFrom", action).With("actionTo", action[..^1] + "/"); // '/' sorts right after '.'
            }
            else
            {
                sql.Append(" AND action = @action");
                command.With("action", action);
            }
        }

        Filter(sql, command, "actor_id", "actor", query.ActorId);
        Filter(sql, command, "target_type", "targetType", query.TargetType);
        Filter(sql, command, "target_id", "target", query.TargetId);
        if (query.From is { } from)
        {
            sql.Append(" AND occurred_at >= @from");
            command.With("from", from.ToUnixMs());
        }

        if (query.To is { } to)
        {
            sql.Append(" AND occurred_at < @to");
            command.With("to", to.ToUnixMs());
        }

        if (after is { } cursor)
        {
            sql.Append(" AND (occurred_at < @cursorTime OR (occurred_at = @cursorTime AND entry_id < @cursorId))");
            command.With("cursorTime", cursor.Time).With("cursorId", cursor.Id);
        }

        sql.Append(" ORDER BY occurred_at DESC, entry_id DESC LIMIT @limit");
        command.With("limit", limit);
        command.CommandText = sql.ToString();

        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    /// <summary>
    /// HMAC-SHA256 of an address under the deployment's own key, created by whichever silo needs it first and read by
    /// all, so one address hashes alike across the cluster and restarts.
    /// </summary>
    public async Task<string> HashIpAsync(string ipAddress, CancellationToken cancellationToken = default)
    {
        var key = _ipKey ??= await LoadOrCreateKeyAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(ipAddress)));
    }

    private async Task<byte[]> LoadOrCreateKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.Command(
            "INSERT INTO cs_deployment_keys (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING")
            .With("name", IpKeyName)
            .With("value", RandomNumberGenerator.GetBytes(32)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.Command("SELECT value FROM cs_deployment_keys WHERE name = @name").With("name", IpKeyName);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The audit key row vanished right after it was written."));
    }

    private static void Filter(StringBuilder sql, DbCommand command, string column, string parameter, string? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(column).Append(" = @").Append(parameter);
            command.With(parameter, value);
        }
    }

    private static AuditEntry Read(DbDataReader reader) => new()
    {
        WorkspaceId = reader.GetString(0),
        Id = reader.GetString(1),
        OccurredAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(2)),
        Action = reader.GetString(3),
        ActorType = (AuditActorType)reader.GetInt16(4),
        ActorId = reader.GetString(5),
        ActorName = reader.GetNullableString(6),
        TargetType = reader.GetNullableString(7),
        TargetId = reader.GetNullableString(8),
        IpHash = reader.GetNullableString(9),
        Changes = reader.GetNullableString(10) is { } changes
            ? JsonSerializer.Deserialize<AuditChange[]>(changes, Json) ?? []
            : [],
    };
}
