using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Tests.Conversations;
using Npgsql;

namespace ChatSphere.Grains.Tests.Billing;

[Collection(BillingClusterCollection.Name)]
public sealed class MessageQuotaTests(BillingClusterFixture fixture)
{
    /// <summary>How long a test waits for the meters' reports; a guard against hangs, not a timing assertion.</summary>
    private static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Messages_are_counted_once_across_silos_and_the_month_never_goes_over_its_quota()
    {
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var conversations = new List<IConversationGrain>();
        for (var i = 0; i < 6; i++)
        {
            conversations.Add((await Chats.StartAsync(fixture.Grains, bot.Id)).Grain);
        }

        // Six conversations spread over two silos send 18 messages at once: both silos' meters draw on one month of 20.
        await Task.WhenAll(conversations.Select(async conversation =>
        {
            for (var i = 0; i < 3; i++)
            {
                await conversation.SendAsync(Chats.Message($"Question {i}"), null);
            }
        }));
        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(bot.WorkspaceId);
        await WaitForMessagesAsync(billing, 18);

        // The last two fit. Near the limit a silo may be refused while the other still holds leased messages it gives
        // back on its next report, so a refused send is tried again until both have gone through.
        var accepted = 18;
        var deadline = DateTime.UtcNow + ReportWait;
        for (var attempt = 0; accepted < BillingClusterFixture.FreeMessages; attempt++)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {accepted} of {BillingClusterFixture.FreeMessages} messages went through.");
            try
            {
                await conversations[attempt % conversations.Count].SendAsync(Chats.Message($"Late {attempt}"), null);
                accepted++;
            }
            catch (QuotaExceededException)
            {
                await Task.Delay(100);
            }
        }

        foreach (var conversation in conversations)
        {
            var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => conversation.SendAsync(Chats.Message("One too many"), null));
            Assert.Equal(QuotaKind.MessagesPerMonth, refused.Quota);
            Assert.Equal(BillingClusterFixture.FreeMessages, refused.Limit);
            Assert.Equal(QuotaExceededException.VisitorText, refused.Message);
        }

        var stored = 0;
        foreach (var conversation in conversations)
        {
            var (log, _) = await conversation.ReadLogAsync(100);
            stored += log.Count(m => m.Role == MessageRole.User);
        }

        Assert.Equal(BillingClusterFixture.FreeMessages, stored);
        await WaitForMessagesAsync(billing, BillingClusterFixture.FreeMessages);

        // A retry of a stored message is answered even now, and is not counted again.
        var first = (await conversations[0].ReadLogAsync(10)).Messages[0];
        var retried = await conversations[0].SendAsync(Chats.Message(first.Text, first.ClientMessageId), null);
        Assert.True(retried.Duplicate);

        await billing.ChangePlanAsync(new PlanChange { Tier = PlanTier.Pro, Provider = "manual" });
        await conversations[0].SendAsync(Chats.Message("After the upgrade"), null);
        await WaitForMessagesAsync(billing, BillingClusterFixture.FreeMessages + 1);
    }

    [Fact]
    public async Task The_month_end_writes_one_statement_and_starts_a_new_count()
    {
        var start = fixture.Time.GetUtcNow();
        var bot = await Chats.NewBotAsync(fixture.Grains);
        var (conversation, _) = await Chats.StartAsync(fixture.Grains, bot.Id);
        for (var i = 0; i < 3; i++)
        {
            await conversation.SendAsync(Chats.Message($"Question {i}"), null);
        }

        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(bot.WorkspaceId);
        var closing = await WaitForMessagesAsync(billing, 3);
        Assert.Equal(1, await RemindersAsync(bot.WorkspaceId));

        fixture.Time.SetUtcNow(closing.PeriodEnd.AddMinutes(5));
        await billing.CloseEndedPeriodAsync();
        await billing.CloseEndedPeriodAsync();

        var statements = await billing.ListStatementsAsync(null, 10);
        var statement = Assert.Single(statements.Items);
        Assert.Equal(closing.Period, statement.Period);
        Assert.Equal(3, statement.MessagesUsed);
        Assert.Equal(BillingClusterFixture.FreeMessages, statement.MessagesLimit);
        Assert.Equal(1, statement.Chatbots);
        Assert.Equal(PlanTier.Free, statement.Tier);
        Assert.Equal(1, await StatementRowsAsync(bot.WorkspaceId));

        var usage = await billing.GetUsageAsync();
        Assert.NotEqual(closing.Period, usage.Period);
        Assert.Equal(0, QuotaTests.Used(usage, QuotaKind.MessagesPerMonth));
        Assert.True(start < usage.PeriodStart);
    }

    private static Task<WorkspaceUsage> WaitForMessagesAsync(IWorkspaceBillingGrain billing, long expected) =>
        Eventually.ReturnsAsync(
            () => billing.GetUsageAsync(),
            usage => QuotaTests.Used(usage, QuotaKind.MessagesPerMonth) == expected,
            $"{expected} messages counted this month",
            ReportWait);

    private async Task<long> StatementRowsAsync(string workspaceId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM cs_billing_statements WHERE workspace_id = @ws", connection);
        command.Parameters.AddWithValue("ws", workspaceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> RemindersAsync(string workspaceId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'billing-month-end' AND grain_id LIKE '%' || @ws", connection);
        command.Parameters.AddWithValue("ws", workspaceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
