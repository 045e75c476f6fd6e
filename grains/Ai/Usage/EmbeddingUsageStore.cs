using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Ai.Usage;

/// <summary>Meters the embeddings API per workspace and month (<c>cs_usage_embeddings_monthly</c>): one upsert per request.</summary>
public sealed class EmbeddingUsageStore(ChatSphereDatabase database)
{
    public async Task RecordAsync(string workspaceId, DateTimeOffset at, int inputs, int tokens)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
                "INSERT INTO cs_usage_embeddings_monthly (workspace_id, month, requests, inputs, tokens) VALUES (@w, @m, 1, @i, @t) "
                + "ON CONFLICT (workspace_id, month) DO UPDATE SET requests = cs_usage_embeddings_monthly.requests + 1, "
                + "inputs = cs_usage_embeddings_monthly.inputs + excluded.inputs, tokens = cs_usage_embeddings_monthly.tokens + excluded.tokens")
            .With("w", workspaceId).With("m", (at.UtcDateTime.Year * 100) + at.UtcDateTime.Month).With("i", (long)inputs).With("t", (long)tokens);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The month's totals: requests, texts and tokens (zeros when nothing was embedded).</summary>
    public async Task<(long Requests, long Inputs, long Tokens)> GetMonthAsync(string workspaceId, int year, int month)
    {
        await using var connection = await database.OpenAsync();
        await using var reader = await connection.Command(
                "SELECT requests, inputs, tokens FROM cs_usage_embeddings_monthly WHERE workspace_id = @w AND month = @m")
            .With("w", workspaceId).With("m", (year * 100) + month).ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : (0, 0, 0);
    }
}
