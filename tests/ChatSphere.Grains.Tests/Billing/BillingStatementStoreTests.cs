using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Billing;

/// <summary>One migrated SQLite database and one fresh PostgreSQL database for the statement table.</summary>
public sealed class StatementDatabases : IAsyncLifetime
{
    private readonly TestSqlite _sqlite = new();
    private readonly TestPostgres _postgres = new();
    private readonly List<ChatSphereDatabase> _databases = [];

    public Dictionary<string, BillingStatementStore> Stores { get; } = [];

    public async Task InitializeAsync()
    {
        Stores["sqlite"] = await OpenAsync(_sqlite.DatabaseOptions);
        Stores["postgres"] = await OpenAsync(await _postgres.CreateDatabaseOptionsAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        await _postgres.DisposeAsync();
        _sqlite.Dispose();
    }

    private async Task<BillingStatementStore> OpenAsync(DatabaseOptions options)
    {
        await TestSchema.ApplyAsync(options);
        var database = new ChatSphereDatabase(Options.Create(options));
        _databases.Add(database);
        return new BillingStatementStore(database);
    }
}

/// <summary>The statement table's data access, on SQLite and on PostgreSQL.</summary>
public sealed class BillingStatementStoreTests(StatementDatabases databases) : IClassFixture<StatementDatabases>
{
    public static TheoryData<string> Providers() => new() { "sqlite", "postgres" };

    [Theory, MemberData(nameof(Providers))]
    public async Task A_month_is_written_once_and_reads_back_as_written(string provider)
    {
        var store = databases.Stores[provider];
        var statement = Statement(Ids.New("ws"), "2026-03") with
        {
            Tier = PlanTier.Business, MessagesUsed = 81_234, MessagesLimit = 100_000, Chatbots = 7, Sources = 950,
            KnowledgeCharacters = 12_345_678, Seats = 4,
        };

        Assert.True(await store.InsertOnceAsync(statement));
        Assert.False(await store.InsertOnceAsync(statement with { MessagesUsed = 1 }));

        Assert.Equal(statement, Assert.Single(await store.ListAsync(statement.WorkspaceId, null, 10)));
        Assert.Empty(await store.ListAsync(Ids.New("ws"), null, 10));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Statements_list_newest_month_first_before_a_cursor(string provider)
    {
        var store = databases.Stores[provider];
        var workspaceId = Ids.New("ws");
        foreach (var period in new[] { "2025-11", "2026-01", "2025-12", "2026-02" })
        {
            await store.InsertOnceAsync(Statement(workspaceId, period));
        }

        Assert.Equal(["2026-02", "2026-01"], (await store.ListAsync(workspaceId, null, 2)).Select(s => s.Period));
        Assert.Equal(["2025-12", "2025-11"], (await store.ListAsync(workspaceId, "2026-01", 5)).Select(s => s.Period));
    }

    private static BillingStatement Statement(string workspaceId, string period) => new()
    {
        WorkspaceId = workspaceId,
        Period = period,
        Tier = PlanTier.Free,
        MessagesUsed = 3,
        MessagesLimit = 500,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123),
    };
}
