namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>
/// A workspace's plan and quota usage (keyed by workspace id). Low-rate quotas (chatbots, sources, knowledge
/// characters, seats) are counted here exactly: a charge is checked and counted in one call. Messages are counted by
/// a meter in each silo that spends leases taken from this grain (see <see cref="LeaseMessagesAsync"/>), so a busy
/// workspace costs this grain a call per block of messages, not per message.
/// </summary>
[Alias("ChatSphere.IWorkspaceBillingGrain")]
public interface IWorkspaceBillingGrain : IGrainWithStringKey
{
    [Alias("GetPlan"), AlwaysInterleave]
    Task<PlanInfo> GetPlanAsync();

    /// <summary>Moves the workspace to another tier. A change with an <see cref="PlanChange.EventId"/> seen before is ignored.</summary>
    [Alias("ChangePlan")]
    Task<PlanInfo> ChangePlanAsync(PlanChange change);

    /// <summary>Current usage of every quota against the plan's limits.</summary>
    [Alias("GetUsage")]
    Task<WorkspaceUsage> GetUsageAsync();

    /// <summary>Throws <see cref="Errors.QuotaExceededException"/> if <paramref name="amount"/> more of
    /// <paramref name="kind"/> would exceed the plan; counts nothing.</summary>
    [Alias("EnsureWithin")]
    Task EnsureWithinAsync(QuotaKind kind, long amount);

    /// <summary>
    /// Checks every charge against the plan and counts them all, or none (throwing
    /// <see cref="Errors.QuotaExceededException"/> for the first that does not fit). Sources and knowledge characters are
    /// attributed to <paramref name="botId"/>, so deleting the bot gives them back.
    /// </summary>
    [Alias("Acquire")]
    Task AcquireAsync(IReadOnlyList<QuotaCharge> charges, string? botId);

    /// <summary>Gives back what <see cref="AcquireAsync"/> counted (a deleted source, a removed member). Never below zero.</summary>
    [Alias("Release")]
    Task ReleaseAsync(IReadOnlyList<QuotaCharge> charges, string? botId);

    /// <summary>Counts a new chatbot (idempotent per bot id); throws <see cref="Errors.QuotaExceededException"/> over the plan.</summary>
    [Alias("AcquireChatbot")]
    Task AcquireChatbotAsync(string botId);

    /// <summary>Gives back a deleted chatbot and every source and character counted for it.</summary>
    [Alias("ReleaseChatbot")]
    Task ReleaseChatbotAsync(string botId);

    /// <summary>A silo's message meter reports what it let through and asks for more. <see cref="MessageLease.Granted"/>
    /// is 0 when the month's quota is spent.</summary>
    [Alias("LeaseMessages")]
    Task<MessageLease> LeaseMessagesAsync(MessageLeaseRequest request);

    /// <summary>Writes the statement of every month that has ended and starts counting the current one. Idempotent;
    /// the month-end reminder calls it, and so does any call that notices the month has changed.</summary>
    [Alias("CloseEndedPeriod")]
    Task CloseEndedPeriodAsync();

    /// <summary>Monthly statements, newest first, paged by an opaque cursor.</summary>
    [Alias("ListStatements"), AlwaysInterleave]
    Task<StatementPage> ListStatementsAsync(string? cursor, int limit);

    /// <summary>The workspace is deleted: forgets its plan, counters and statements and stops the month-end reminder.</summary>
    [Alias("DeleteAll")]
    Task DeleteAllAsync();
}
