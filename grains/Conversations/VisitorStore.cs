using System.Text.Json;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Privacy;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Ratings of replies (cs_message_feedback) and visitor profiles (cs_conversation_visitors). Visitors write
/// these rarely, so each is one upsert of its own rather than a place in the conversation's group commit.
/// Name, email and lead answers are stored encrypted (<see cref="PersonalDataProtector"/>) with keyed hashes of the
/// email addresses for erasure; rows written before encryption read as they are and are encrypted by
/// <see cref="EncryptLegacyAsync"/>.
/// </summary>
public sealed class VisitorStore(ChatSphereDatabase database, PersonalDataProtector protector)
{
    private const string NameField = "name";
    private const string EmailField = "email";
    private const string LeadField = "lead";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task SetRatingAsync(string conversationId, ConversationMessage message, MessageRating? rating)
    {
        await using var connection = await database.OpenAsync();
        await using var command = rating is { } r
            ? connection.Command(
                "INSERT INTO cs_message_feedback (conversation_id, seq, message_id, rating, updated_at) VALUES (@c, @seq, @m, @r, @t) "
                + "ON CONFLICT (conversation_id, seq) DO UPDATE SET rating = excluded.rating, updated_at = excluded.updated_at")
                .With("c", conversationId).With("seq", message.Seq).With("m", message.Id).With("r", (short)r)
                .With("t", DateTimeOffset.UtcNow.ToUnixMs())
            : connection.Command("DELETE FROM cs_message_feedback WHERE conversation_id = @c AND seq = @seq")
                .With("c", conversationId).With("seq", message.Seq);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ratings of the messages with seq in [<paramref name="fromSeq"/>, <paramref name="toSeq"/>].</summary>
    public async Task<IReadOnlyDictionary<long, MessageRating>> ReadRatingsAsync(string conversationId, long fromSeq, long toSeq)
    {
        var ratings = new Dictionary<long, MessageRating>();
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT seq, rating FROM cs_message_feedback WHERE conversation_id = @c AND seq >= @from AND seq <= @to")
            .With("c", conversationId).With("from", fromSeq).With("to", toSeq);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ratings[reader.GetInt64(0)] = (MessageRating)reader.GetInt16(1);
        }

        return ratings;
    }

    public async Task<VisitorProfile?> GetProfileAsync(string conversationId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT user_id, name, email, verified, lead, updated_at FROM cs_conversation_visitors WHERE conversation_id = @c")
            .With("c", conversationId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var lead = protector.Unprotect(reader.GetNullableString(4), conversationId, LeadField);
        return new VisitorProfile
        {
            UserId = reader.GetNullableString(0),
            Name = protector.Unprotect(reader.GetNullableString(1), conversationId, NameField),
            Email = protector.Unprotect(reader.GetNullableString(2), conversationId, EmailField),
            Verified = reader.GetInt16(3) != 0,
            Lead = ReadLead(lead),
            UpdatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(5)),
        };
    }

    public async Task SaveProfileAsync(string conversationId, VisitorProfile profile)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "INSERT INTO cs_conversation_visitors (conversation_id, user_id, name, email, verified, lead, updated_at, email_hash, lead_email_hash) "
            + "VALUES (@c, @u, @n, @e, @v, @l, @t, @eh, @lh) ON CONFLICT (conversation_id) DO UPDATE SET user_id = excluded.user_id, "
            + "name = excluded.name, email = excluded.email, verified = excluded.verified, lead = excluded.lead, updated_at = excluded.updated_at, "
            + "email_hash = excluded.email_hash, lead_email_hash = excluded.lead_email_hash")
            .With("c", conversationId).With("u", profile.UserId)
            .With("v", (short)(profile.Verified ? 1 : 0))
            .With("t", profile.UpdatedAt.ToUnixMs());
        WithPersonalData(command, conversationId, profile.Name, profile.Email, profile.Lead);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Encrypts up to <paramref name="limit"/> rows of the workspace's conversations that were written before
    /// encryption (plain text in name, email or lead), so erasure by email finds them. Returns how many were rewritten;
    /// a row changed meanwhile by its conversation is left to that write.
    /// </summary>
    public async Task<int> EncryptLegacyAsync(string workspaceId, int limit)
    {
        var legacy = new List<(string Id, string? Name, string? Email, string? Lead)>();
        await using var connection = await database.OpenAsync();
        await using (var select = connection.Command(
            "SELECT v.conversation_id, v.name, v.email, v.lead FROM cs_conversation_visitors v "
            + "JOIN cs_conversations c ON c.conversation_id = v.conversation_id "
            + "WHERE c.workspace_id = @ws "
            + "AND ((v.name IS NOT NULL AND v.name NOT LIKE 'pd1:%') OR (v.email IS NOT NULL AND v.email NOT LIKE 'pd1:%') "
            + "OR (v.lead IS NOT NULL AND v.lead NOT LIKE 'pd1:%')) LIMIT @limit")
            .With("ws", workspaceId).With("limit", limit))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                legacy.Add((reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3)));
            }
        }

        var rewritten = 0;
        foreach (var row in legacy)
        {
            var name = protector.Unprotect(row.Name, row.Id, NameField);
            var email = protector.Unprotect(row.Email, row.Id, EmailField);
            var lead = ReadLead(protector.Unprotect(row.Lead, row.Id, LeadField));
            await using var update = connection.Command(
                "UPDATE cs_conversation_visitors SET name = @n, email = @e, lead = @l, email_hash = @eh, lead_email_hash = @lh "
                + $"WHERE conversation_id = @c AND {Unchanged("name", row.Name)} AND {Unchanged("email", row.Email)} AND {Unchanged("lead", row.Lead)}")
                .With("c", row.Id);
            foreach (var (column, read) in new[] { ("name", row.Name), ("email", row.Email), ("lead", row.Lead) })
            {
                if (read is not null)
                {
                    update.With("old_" + column, read);
                }
            }

            WithPersonalData(update, row.Id, name, email, lead);
            rewritten += await update.ExecuteNonQueryAsync();
        }

        return rewritten;
    }

    /// <summary>The row still holds what was read (a null compared as null, without an untyped null parameter).</summary>
    private static string Unchanged(string column, string? read) => read is null ? $"{column} IS NULL" : $"{column} = @old_{column}";

    private void WithPersonalData(System.Data.Common.DbCommand command, string conversationId, string? name, string? email, IReadOnlyDictionary<string, string> lead)
    {
        var leadEmail = lead.GetValueOrDefault("email");
        command.With("n", protector.Protect(name, conversationId, NameField))
            .With("e", protector.Protect(email, conversationId, EmailField))
            .With("l", lead.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(lead, JsonOptions), conversationId, LeadField))
            .With("eh", protector.EmailHash(email))
            // Hashed apart from the profile's address: a signed identity may name another address than the form.
            .With("lh", protector.EmailHash(leadEmail));
    }

    private static IReadOnlyDictionary<string, string> ReadLead(string? lead) =>
        lead is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(lead, JsonOptions) ?? [];
}
