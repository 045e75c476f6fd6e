using ChatSphere.Grains.Audit;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Audit;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Tests.Audit;

[Collection(ClusterCollection.Name)]
public sealed class AuditLogGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_recorded_action_is_stored_with_a_hashed_address_and_cut_values_and_read_back_by_its_workspace_only()
    {
        var workspace = Ids.New("ws");
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(workspace);
        var entry = await log.RecordAsync(new AuditRecord
        {
            Action = "chatbot.updated",
            ActorType = AuditActorType.User,
            ActorId = "usr_1",
            ActorName = "owner@example.com",
            TargetType = "chatbot",
            TargetId = "bot_1",
            IpAddress = "198.51.100.4",
            Changes = [new AuditChange("systemPrompt", "short", new string('x', 2_000))],
        });

        Assert.Equal(workspace, entry.WorkspaceId);
        Assert.NotNull(entry.IpHash);
        Assert.DoesNotContain("198.51.100.4", entry.IpHash, StringComparison.Ordinal);
        Assert.Equal(AuditLogGrain.MaxValueLength, entry.Changes[0].After!.Length);

        var page = await log.QueryAsync(new AuditQuery(), null, 10);
        Assert.Equal(entry.Id, Assert.Single(page.Items).Id);
        Assert.Null(page.NextCursor);
        Assert.Empty((await fixture.Grains.GetGrain<IAuditLogGrain>(Ids.New("ws")).QueryAsync(new AuditQuery(), null, 10)).Items);
    }

    [Fact]
    public async Task Pages_follow_their_cursor_without_gaps_or_repeats()
    {
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(Ids.New("ws"));
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await log.RecordAsync(Record("member.invited") with { TargetId = "m" + i })).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await log.QueryAsync(new AuditQuery { Action = "member." }, cursor, 3);
            seen.AddRange(page.Items.Select(e => e.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public async Task Malformed_records_and_queries_name_the_field_at_fault()
    {
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(Ids.New("ws"));

        var action = await Assert.ThrowsAsync<ValidationFailedException>(() => log.RecordAsync(Record("Chatbot Updated")));
        Assert.Contains("action", action.Errors.Keys);
        var actor = await Assert.ThrowsAsync<ValidationFailedException>(() => log.RecordAsync(Record("chatbot.updated") with { ActorId = " " }));
        Assert.Contains("actorId", actor.Errors.Keys);
        var changes = await Assert.ThrowsAsync<ValidationFailedException>(() => log.RecordAsync(Record("chatbot.updated") with
        {
            Changes = Enumerable.Range(0, AuditLogGrain.MaxChanges + 1).Select(i => new AuditChange("f" + i, null, "v")).ToArray(),
        }));
        Assert.Contains("changes", changes.Errors.Keys);

        var window = await Assert.ThrowsAsync<ValidationFailedException>(() => log.QueryAsync(
            new AuditQuery { From = DateTimeOffset.UtcNow, To = DateTimeOffset.UtcNow.AddHours(-1) }, null, 10));
        Assert.Contains("from", window.Errors.Keys);
        var cursor = await Assert.ThrowsAsync<ValidationFailedException>(() => log.QueryAsync(new AuditQuery(), "not-a-cursor", 10));
        Assert.Contains("cursor", cursor.Errors.Keys);
    }

    private static AuditRecord Record(string action) => new()
    {
        Action = action,
        ActorType = AuditActorType.ApiKey,
        ActorId = "key_1",
    };
}
