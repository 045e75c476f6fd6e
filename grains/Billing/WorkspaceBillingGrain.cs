using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Timers;

namespace ChatSphere.Grains.Billing;

/// <summary>
/// The single owner of a workspace's plan and quota counters. Low-rate quotas are checked and counted here in one
/// turn, so two concurrent creations can never both take the last unit. Messages arrive in blocks from the silos'
/// <see cref="MessageUsageMeter"/>s: the grain grants leases and counts what the meters report, and never grants more
/// than the month has left, so the quota holds exactly while this activation lives (see docs/plans-and-limits.md,
/// "How it is counted", for the bound when it moves). At each month's end a reminder writes the month's statement.
/// </summary>
public sealed partial class WorkspaceBillingGrain(
    [PersistentState("billing", GrainStorage.Name)] IPersistentState<WorkspaceBillingState> state,
    IOptions<BillingOptions> options,
    BillingClock clock,
    BillingStatementStore statements,
    ILogger<WorkspaceBillingGrain> logger) : Grain, IWorkspaceBillingGrain, IRemindable
{
    /// <summary>The most chatbots one workspace's counters track (the workspace grain's own ceiling).</summary>
    public const int MaxTrackedChatbots = 1000;

    private string WorkspaceId => this.GetPrimaryKeyString();

    private PlanTier Tier => state.State.Tier ?? options.Value.DefaultPlan;

    private PlanLimits Limits => options.Value.LimitsOf(Tier);

    public Task<PlanInfo> GetPlanAsync() => Task.FromResult(Plan());

    public async Task<PlanInfo> ChangePlanAsync(PlanChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!Enum.IsDefined(change.Tier))
        {
            throw new ValidationFailedException("plan", "Must be one of free, pro, business, unlimited.");
        }

        if (change.EventId is { } eventId && state.State.RecentPlanEvents.Contains(eventId))
        {
            return Plan();
        }

        var previous = Tier;
        state.State.Tier = change.Tier;
        state.State.PlanChangedAt = clock.UtcNow;
        state.State.Provider = change.Provider;
        state.State.SubscriptionReference = change.SubscriptionReference;
        if (change.EventId is { } id)
        {
            state.State.RecentPlanEvents.Add(id);
            if (state.State.RecentPlanEvents.Count > RecentPlanEventsKept)
            {
                state.State.RecentPlanEvents.RemoveRange(0, state.State.RecentPlanEvents.Count - RecentPlanEventsKept);
            }
        }

        await WriteAsync();
        LogPlanChanged(WorkspaceId, previous, change.Tier, change.Provider);
        return Plan();
    }

    public async Task<WorkspaceUsage> GetUsageAsync()
    {
        await CloseEndedPeriodAsync();
        var period = HeldPeriod();
        var limits = Limits;
        return new WorkspaceUsage
        {
            WorkspaceId = WorkspaceId,
            Plan = Plan(),
            Period = period.ToString(),
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            Quotas = Enum.GetValues<QuotaKind>().Select(kind => new QuotaUsage(kind, Used(kind), limits.Of(kind))).ToArray(),
        };
    }

    public async Task EnsureWithinAsync(QuotaKind kind, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        await CloseEndedPeriodAsync();
        Check(kind, kind == QuotaKind.MessagesPerMonth ? Used(kind) + _outstanding.Values.Sum() : Used(kind), amount);
    }

    public async Task AcquireAsync(IReadOnlyList<QuotaCharge> charges, string? botId)
    {
        ValidateCharges(charges);
        foreach (var charge in charges.GroupBy(c => c.Kind))
        {
            Check(charge.Key, Used(charge.Key), charge.Sum(c => c.Amount));
        }

        var usage = UsageOf(botId);
        foreach (var charge in charges)
        {
            Apply(usage, charge.Kind, charge.Amount);
        }

        await WriteAsync();
    }

    public async Task ReleaseAsync(IReadOnlyList<QuotaCharge> charges, string? botId)
    {
        ValidateCharges(charges);
        // A bot these counters never charged has nothing to give back.
        var usage = botId is null ? state.State.Unattributed : state.State.Bots.GetValueOrDefault(botId);
        foreach (var charge in charges)
        {
            Apply(usage, charge.Kind, -charge.Amount);
        }

        await WriteAsync();
    }

    public async Task AcquireChatbotAsync(string botId)
    {
        ArgumentException.ThrowIfNullOrEmpty(botId);
        if (state.State.Bots.ContainsKey(botId))
        {
            return;
        }

        Check(QuotaKind.Chatbots, state.State.Bots.Count, 1);
        if (state.State.Bots.Count >= MaxTrackedChatbots)
        {
            throw new ConflictException($"A workspace holds at most {MaxTrackedChatbots} chatbots.");
        }

        state.State.Bots[botId] = new BotUsage();
        await WriteAsync();
    }

    public async Task ReleaseChatbotAsync(string botId)
    {
        if (state.State.Bots.Remove(botId))
        {
            await WriteAsync();
        }
    }

    private PlanInfo Plan() => new()
    {
        Tier = Tier,
        Limits = Limits,
        ChangedAt = state.State.PlanChangedAt,
        Provider = state.State.Provider,
        SubscriptionReference = state.State.SubscriptionReference,
    };

    private BillingPeriod HeldPeriod() =>
        state.State.Period is { } text && BillingPeriod.TryParse(text, out var period) ? period : clock.CurrentPeriod;

    private long Used(QuotaKind kind) => kind switch
    {
        QuotaKind.Chatbots => state.State.Bots.Count,
        QuotaKind.MessagesPerMonth => state.State.MessagesUsed,
        QuotaKind.Sources => state.State.Unattributed.Sources + state.State.Bots.Values.Sum(b => b.Sources),
        QuotaKind.KnowledgeCharacters => state.State.Unattributed.KnowledgeCharacters + state.State.Bots.Values.Sum(b => b.KnowledgeCharacters),
        QuotaKind.Seats => state.State.Seats,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private void Check(QuotaKind kind, long used, long amount)
    {
        var limit = Limits.Of(kind);
        if (limit > 0 && amount > 0 && used + amount > limit)
        {
            throw new QuotaExceededException(kind, limit, used, Tier);
        }
    }

    private static void ValidateCharges(IReadOnlyList<QuotaCharge> charges)
    {
        ArgumentNullException.ThrowIfNull(charges);
        foreach (var charge in charges)
        {
            if (charge.Amount < 0 || !Enum.IsDefined(charge.Kind) || charge.Kind is QuotaKind.MessagesPerMonth or QuotaKind.Chatbots)
            {
                throw new ArgumentException(
                    $"A charge is a non-negative amount of sources, knowledge characters or seats (got {charge.Amount} {charge.Kind}); " +
                    "chatbots and messages have their own methods.", nameof(charges));
            }
        }
    }

    /// <summary>The counters a charge lands on: the bot's (tracked from its first charge) or the workspace's own.</summary>
    private BotUsage UsageOf(string? botId)
    {
        if (botId is null)
        {
            return state.State.Unattributed;
        }

        if (state.State.Bots.TryGetValue(botId, out var usage))
        {
            return usage;
        }

        // A bot created before its workspace had counters is counted from its first charge on.
        return state.State.Bots.Count >= MaxTrackedChatbots ? state.State.Unattributed : state.State.Bots[botId] = new BotUsage();
    }

    private void Apply(BotUsage? usage, QuotaKind kind, long delta)
    {
        switch (kind)
        {
            case QuotaKind.Sources when usage is not null:
                usage.Sources = Math.Max(0, usage.Sources + delta);
                break;
            case QuotaKind.KnowledgeCharacters when usage is not null:
                usage.KnowledgeCharacters = Math.Max(0, usage.KnowledgeCharacters + delta);
                break;
            case QuotaKind.Seats:
                state.State.Seats = Math.Max(0, state.State.Seats + delta);
                break;
        }
    }

    /// <summary>Persists the counters; the first write of a workspace also starts its month-end reminder.</summary>
    private async Task WriteAsync()
    {
        state.State.Period ??= clock.CurrentPeriod.ToString();
        if (!state.State.ReminderRegistered && ServiceProvider.GetService<IReminderRegistry>() is not null)
        {
            var now = clock.UtcNow;
            // Daily, a few minutes after midnight UTC: the first tick of a month closes the month before.
            var firstTick = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddMinutes(5), TimeSpan.Zero) - now;
            await this.RegisterOrUpdateReminder(MonthEndReminder, firstTick > TimeSpan.FromMinutes(1) ? firstTick : TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
            state.State.ReminderRegistered = true;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The counters in memory now differ from the stored ones: the next activation starts from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId} moved from plan {Previous} to {Tier} ({Provider})")]
    private partial void LogPlanChanged(string workspaceId, PlanTier previous, PlanTier tier, string provider);
}
