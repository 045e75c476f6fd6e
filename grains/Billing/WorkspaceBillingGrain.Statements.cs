using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Billing;

/// <summary>The month-end close: the statement of each ended month written by a reminder, and the statements listed.</summary>
public sealed partial class WorkspaceBillingGrain
{
    public const string MonthEndReminder = "billing-month-end";

    /// <summary>How many months a single close writes at most (a cluster that was down for longer catches up on later calls).</summary>
    private const int MaxMonthsPerClose = 24;
    private const int RecentPlanEventsKept = 50;
    private const int MaxStatementPage = 100;

    public async Task CloseEndedPeriodAsync()
    {
        var now = clock.CurrentPeriod;
        if (state.State.Period is null || !BillingPeriod.TryParse(state.State.Period, out var held) || held >= now)
        {
            return;
        }

        for (var written = 0; held < now && written < MaxMonthsPerClose; written++)
        {
            var statement = StatementOf(held);
            if (await statements.InsertOnceAsync(statement))
            {
                LogStatementWritten(WorkspaceId, statement.Period, statement.MessagesUsed);
            }

            held = held.Next();
            state.State.Period = held.ToString();
            state.State.MessagesUsed = 0;
        }

        await WriteAsync();
    }

    public async Task<StatementPage> ListStatementsAsync(string? cursor, int limit)
    {
        if (cursor is not null && !BillingPeriod.TryParse(cursor, out _))
        {
            throw new ValidationFailedException("cursor", "The cursor is not one this API returned.");
        }

        limit = Math.Clamp(limit, 1, MaxStatementPage);
        var rows = await statements.ListAsync(WorkspaceId, cursor, limit + 1);
        return rows.Count > limit
            ? new StatementPage(rows.Take(limit).ToArray(), rows[limit - 1].Period)
            : new StatementPage(rows, null);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == MonthEndReminder ? CloseEndedPeriodAsync() : Task.CompletedTask;

    private BillingStatement StatementOf(BillingPeriod period) => new()
    {
        WorkspaceId = WorkspaceId,
        Period = period.ToString(),
        Tier = Tier,
        MessagesUsed = state.State.Period == period.ToString() ? state.State.MessagesUsed : 0,
        MessagesLimit = Limits.MessagesPerMonth,
        Chatbots = Used(QuotaKind.Chatbots),
        Sources = Used(QuotaKind.Sources),
        KnowledgeCharacters = Used(QuotaKind.KnowledgeCharacters),
        Seats = Used(QuotaKind.Seats),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(clock.UtcNow.ToUnixTimeMilliseconds()),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing statement of workspace {WorkspaceId} for {Period} written: {Messages} messages")]
    private partial void LogStatementWritten(string workspaceId, string period, long messages);
}
