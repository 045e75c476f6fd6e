using System.Data.Common;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Audit;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Tests.Audit;

/// <summary>The test databases of the audit store tests (both providers).</summary>
public sealed class AuditDatabases : IAsyncLifetime
{
    public MigratedDatabases Databases { get; } = new();

    public Task InitializeAsync() => Databases.CreateAsync();

    public Task DisposeAsync() => Databases.DisposeAsync().AsTask();
}

/// <summary>The audit table's data access and its append-only guard, on SQLite and on PostgreSQL.</summary>
public sealed class AuditStoreTests(AuditDatabases fixture) : IClassFixture<AuditDatabases>
{
    public static TheoryData<string> Providers() => new() { "sqlite", "postgres" };

    [Theory, MemberData(nameof(Providers))]
    public async Task Entries_read_back_newest_first_filtered_and_paged(string provider)
    {
        var store = new AuditStore(fixture.Databases[provider]);
        var workspace = Ids.New("ws");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
        var written = new List<AuditEntry>();
        string[] actions = ["chatbot.created", "chatbot.updated", "member.invited", "chatbot.deleted", "apikey.created"];
        for (var i = 0; i < actions.Length; i++)
        {
            var entry = Entry(workspace, actions[i], start.AddMinutes(i)) with
            {
                ActorId = i % 2 == 0 ? "usr_alice" : "usr_bob",
                TargetType = actions[i].Split('.')[0],
                TargetId = "t" + i,
                Changes = [new AuditChange("name", "old " + i, "new " + i)],
            };
            await store.AppendAsync(entry);
            written.Add(entry);
        }

        await store.AppendAsync(Entry(Ids.New("ws"), "chatbot.created", start)); // another workspace's

        var all = await store.QueryAsync(workspace, new AuditQuery(), null, 10);
        Assert.Equal(written.Select(e => e.Id).Reverse(), all.Select(e => e.Id));
        Assert.Equal(written[^1], all[0], AuditEntryComparer.Instance);

        var chatbot = await store.QueryAsync(workspace, new AuditQuery { Action = "chatbot." }, null, 10);
        Assert.Equal(["chatbot.deleted", "chatbot.updated", "chatbot.created"], chatbot.Select(e => e.Action));

        var exact = await store.QueryAsync(workspace, new AuditQuery { Action = "chatbot.updated" }, null, 10);
        Assert.Equal("t1", Assert.Single(exact).TargetId);

        var bob = await store.QueryAsync(workspace, new AuditQuery { ActorId = "usr_bob" }, null, 10);
        Assert.Equal(["t3", "t1"], bob.Select(e => e.TargetId));

        var target = await store.QueryAsync(workspace, new AuditQuery { TargetType = "member", TargetId = "t2" }, null, 10);
        Assert.Equal("member.invited", Assert.Single(target).Action);

        var window = await store.QueryAsync(workspace, new AuditQuery { From = start.AddMinutes(1), To = start.AddMinutes(3) }, null, 10);
        Assert.Equal(["t2", "t1"], window.Select(e => e.TargetId));

        var first = await store.QueryAsync(workspace, new AuditQuery(), null, 2);
        var second = await store.QueryAsync(workspace, new AuditQuery(), new PageCursor(first[^1].OccurredAt.ToUnixMs(), first[^1].Id), 2);
        Assert.Equal(["t4", "t3"], first.Select(e => e.TargetId));
        Assert.Equal(["t2", "t1"], second.Select(e => e.TargetId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_table_refuses_updates_and_deletes(string provider)
    {
        var database = fixture.Databases[provider];
        var store = new AuditStore(database);
        var entry = Entry(Ids.New("ws"), "chatbot.deleted", DateTimeOffset.UtcNow);
        await store.AppendAsync(entry);

        await using var connection = await database.OpenAsync();
        await using var update = connection.Command("UPDATE cs_audit_log SET action = 'nothing.happened' WHERE entry_id = @id").With("id", entry.Id);
        var updateError = await Assert.ThrowsAnyAsync<DbException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", updateError.Message, StringComparison.Ordinal);
        await using var delete = connection.Command("DELETE FROM cs_audit_log WHERE entry_id = @id").With("id", entry.Id);
        await Assert.ThrowsAnyAsync<DbException>(() => delete.ExecuteNonQueryAsync());

        var kept = await store.QueryAsync(entry.WorkspaceId, new AuditQuery(), null, 10);
        Assert.Equal("chatbot.deleted", Assert.Single(kept).Action);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_address_hashes_alike_in_every_store_of_the_deployment_and_cannot_be_read_back(string provider)
    {
        var database = fixture.Databases[provider];
        var first = await new AuditStore(database).HashIpAsync("203.0.113.7");
        var second = await new AuditStore(database).HashIpAsync("203.0.113.7");
        var other = await new AuditStore(database).HashIpAsync("203.0.113.8");

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(64, first.Length);
        Assert.DoesNotContain("203.0.113", first, StringComparison.Ordinal);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("203.0.113.7"u8)), first);
    }

    private static AuditEntry Entry(string workspace, string action, DateTimeOffset at) => new()
    {
        Id = Ids.New("aud"),
        WorkspaceId = workspace,
        OccurredAt = at,
        Action = action,
        ActorType = AuditActorType.User,
        ActorId = "usr_alice",
        ActorName = "alice@example.com",
        IpHash = "ab12",
    };

    private sealed class AuditEntryComparer : IEqualityComparer<AuditEntry>
    {
        public static readonly AuditEntryComparer Instance = new();

        public bool Equals(AuditEntry? x, AuditEntry? y) =>
            x is not null && y is not null && (x with { Changes = [] }) == (y with { Changes = [] }) && x.Changes.SequenceEqual(y.Changes);

        public int GetHashCode(AuditEntry obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
