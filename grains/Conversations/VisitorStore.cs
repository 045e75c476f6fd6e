using System.Text.Json;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Ratings of replies (cs_message_feedback) and visitor profiles (cs_conversation_visitors). Visitors write
/// these rarely, so each is one upsert of its own rather than a place in the conversation's group commit.
/// </summary>
public sealed class VisitorStore(ChatSphereDatabase database)
{
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

    /// <summary>The <c>verified</c> column: 0 nothing signed, 1 the user id signed, 2 the id, name and email signed.</summary>
    private const short VerifiedWithDetails = 2;

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

        var lead = reader.GetNullableString(4);
        return new VisitorProfile
        {
            UserId = reader.GetNullableString(0),
            Name = reader.GetNullableString(1),
            Email = reader.GetNullableString(2),
            Verified = reader.GetInt16(3) != 0,
            DetailsVerified = reader.GetInt16(3) == VerifiedWithDetails,
            Lead = lead is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(lead, JsonOptions) ?? [],
            UpdatedAt = DbCommandExtensions.FromUnixMs(reader.GetInt64(5)),
        };
    }

    public async Task SaveProfileAsync(string conversationId, VisitorProfile profile)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "INSERT INTO cs_conversation_visitors (conversation_id, user_id, name, email, verified, lead, updated_at) "
            + "VALUES (@c, @u, @n, @e, @v, @l, @t) ON CONFLICT (conversation_id) DO UPDATE SET user_id = excluded.user_id, "
            + "name = excluded.name, email = excluded.email, verified = excluded.verified, lead = excluded.lead, updated_at = excluded.updated_at")
            .With("c", conversationId).With("u", profile.UserId).With("n", profile.Name).With("e", profile.Email)
            .With("v", profile.DetailsVerified ? VerifiedWithDetails : (short)(profile.Verified ? 1 : 0))
            .With("l", profile.Lead.Count == 0 ? null : JsonSerializer.Serialize(profile.Lead, JsonOptions))
            .With("t", profile.UpdatedAt.ToUnixMs());
        await command.ExecuteNonQueryAsync();
    }
}
