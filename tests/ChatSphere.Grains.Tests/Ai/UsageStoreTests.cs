using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Usage;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Ai;

/// <summary>Usage rows, their aggregates and the conversation memory on both databases (PostgreSQL for clusters, SQLite embedded).</summary>
public sealed class UsageStoreTests
{
    [Fact]
    public async Task On_PostgreSQL_usage_aggregates_per_bot_day_and_workspace_month()
    {
        await using var postgres = new TestPostgres();
        var options = await postgres.CreateDatabaseOptionsAsync();
        await TestSchema.ApplyAsync(options);
        await RoundTripAsync(options);
    }

    [Fact]
    public async Task On_SQLite_usage_aggregates_per_bot_day_and_workspace_month()
    {
        using var sqlite = new TestSqlite();
        await TestSchema.ApplyAsync(sqlite.DatabaseOptions);
        await RoundTripAsync(sqlite.DatabaseOptions);
    }

    private static async Task RoundTripAsync(DatabaseOptions options)
    {
        using var database = new ChatSphereDatabase(Options.Create(options));
        await using var store = new UsageStore(database, NullLogger<UsageStore>.Instance);
        var day1 = new DateTimeOffset(2026, 11, 24, 23, 59, 0, TimeSpan.Zero);
        var day2 = day1.AddMinutes(2);

        await Task.WhenAll(
            store.RecordAsync(new UsageRecord("conv_1", 2, "bot_a", "ws_1", "openai/gpt", 100, 20, 900, 300, "stop", day1)),
            store.RecordAsync(new UsageRecord("conv_1", 4, "bot_a", "ws_1", "openai/gpt", 150, 30, 1100, 250, "stop", day2)),
            store.RecordAsync(new UsageRecord("conv_2", 2, "bot_a", "ws_1", "embedded", 50, 10, 5, null, "stop", day2)),
            store.RecordAsync(new UsageRecord("conv_3", 2, "bot_b", "ws_1", "embedded", 40, 8, 7, 1, "stop", day2)));
        // A record written twice (a retried batch) counts once, in the rows and in the aggregates.
        await store.RecordAsync(new UsageRecord("conv_1", 2, "bot_a", "ws_1", "openai/gpt", 100, 20, 900, 300, "stop", day1));

        var row = await store.GetAsync("conv_1", 4);
        var days = await store.GetBotDailyAsync("bot_a", new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25));
        var month = await store.GetWorkspaceMonthAsync("ws_1", 2026, 11);

        Assert.Equal(new UsageRecord("conv_1", 4, "bot_a", "ws_1", "openai/gpt", 150, 30, 1100, 250, "stop", day2), row);
        Assert.Null((await store.GetAsync("conv_2", 2))!.FirstTokenMs);
        Assert.Equal(
            [
                new DailyUsage(new DateOnly(2026, 11, 24), "openai/gpt", 1, 100, 20, 900),
                new DailyUsage(new DateOnly(2026, 11, 25), "embedded", 1, 50, 10, 5),
                new DailyUsage(new DateOnly(2026, 11, 25), "openai/gpt", 1, 150, 30, 1100),
            ],
            days);
        Assert.Equal(new MonthlyUsage("ws_1", 2026, 11, 4, 340, 68), month);

        // The running summary is written with the reply that changed it, by the conversation writer.
        var memory = new MemoryStore(database);
        Assert.Null(await memory.LoadAsync("conv_1"));
        await using (var conversations = new ConversationStore(database, NullLogger<ConversationStore>.Instance))
        {
            var conversation = new ConversationInfo
            {
                Id = "conv_1", BotId = "bot_1", WorkspaceId = "ws_1", VisitorId = "v_1", StartedAt = DateTimeOffset.UnixEpoch, LastActivityAt = DateTimeOffset.UnixEpoch,
            };
            await conversations.WriteAsync(new ConversationWrite(conversation, [], Memory: new ConversationMemory("Visitor: hi", 3)));
            await conversations.WriteAsync(new ConversationWrite(conversation, [], Memory: new ConversationMemory("Visitor: hi\nAssistant: hello", 4)));
            await conversations.WriteAsync(new ConversationWrite(conversation, []));
        }

        Assert.Equal(new ConversationMemory("Visitor: hi\nAssistant: hello", 4), await memory.LoadAsync("conv_1"));
    }
}
