using System.Data.Common;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Storage;

/// <summary>The canned responses of each workspace (cs_canned_responses); deleted with the workspace.</summary>
public sealed class CannedResponseStore(ChatSphereDatabase database)
{
    private const string Columns = "response_id, shortcut, title, text, created_at, updated_at";

    public async Task<IReadOnlyList<CannedResponse>> ListAsync(string workspaceId, int limit)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"SELECT {Columns} FROM cs_canned_responses WHERE workspace_id = @ws ORDER BY shortcut LIMIT @limit")
            .With("ws", workspaceId).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<CannedResponse>();
        while (await reader.ReadAsync())
        {
            items.Add(Read(reader));
        }

        return items;
    }

    /// <summary>Inserts or replaces one response.</summary>
    public async Task SaveAsync(string workspaceId, CannedResponse response)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "INSERT INTO cs_canned_responses (workspace_id, response_id, shortcut, title, text, created_at, updated_at) "
            + "VALUES (@ws, @id, @shortcut, @title, @text, @created, @updated) "
            + "ON CONFLICT (workspace_id, response_id) DO UPDATE SET shortcut = excluded.shortcut, title = excluded.title, text = excluded.text, updated_at = excluded.updated_at")
            .With("ws", workspaceId).With("id", response.Id).With("shortcut", response.Shortcut).With("title", response.Title).With("text", response.Text)
            .With("created", response.CreatedAt.ToUnixMs()).With("updated", response.UpdatedAt.ToUnixMs());
        await command.ExecuteNonQueryAsync();
    }

    public async Task<bool> DeleteAsync(string workspaceId, string responseId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("DELETE FROM cs_canned_responses WHERE workspace_id = @ws AND response_id = @id")
            .With("ws", workspaceId).With("id", responseId);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    private static CannedResponse Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Shortcut = reader.GetString(1),
        Title = reader.GetString(2),
        Text = reader.GetString(3),
        CreatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(4)),
        UpdatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(5)),
    };
}
