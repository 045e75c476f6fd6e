using ChatSphere.GrainInterfaces.Billing;

namespace ChatSphere.Grains.Billing;

/// <summary>
/// <c>ChatSphere:Billing</c> and <c>ChatSphere:Plans:{Free,Pro,Business}:{Chatbots,MessagesPerMonth,...}</c>: the plans'
/// limits (0 = no limit) and the plan a workspace has until it changes. The table of defaults: docs/plans-and-limits.md.
/// </summary>
public sealed class BillingOptions
{
    /// <summary>The plan of a workspace that never changed plan: <see cref="PlanTier.Free"/> in the cluster shape,
    /// <see cref="PlanTier.Unlimited"/> in the embedded (single-tenant) shape.</summary>
    public PlanTier DefaultPlan { get; set; } = PlanTier.Free;

    /// <summary>How many messages a silo's meter may let through per workspace before it asks the billing grain again.</summary>
    public int MessageLeaseBlock { get; set; } = 50;

    /// <summary>How often meters report what they let through (so usage reads are at most this far behind).</summary>
    public TimeSpan MeterReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a meter repeats a refusal before asking the billing grain again (a plan upgrade takes effect
    /// within this time).</summary>
    public TimeSpan MeterRefusalHold { get; set; } = TimeSpan.FromSeconds(1);

    public PlanLimits Free { get; set; } = new()
    {
        Chatbots = 1, MessagesPerMonth = 500, KnowledgeCharacters = 400_000, Sources = 50, Seats = 1,
        ApiRequestsPerMinute = 60, VisitorMessagesPerMinute = 12, BotMessagesPerMinute = 240,
    };

    public PlanLimits Pro { get; set; } = new()
    {
        Chatbots = 5, MessagesPerMonth = 10_000, KnowledgeCharacters = 11_000_000, Sources = 1_000, Seats = 3,
        ApiRequestsPerMinute = 600, VisitorMessagesPerMinute = 20, BotMessagesPerMinute = 2_400,
    };

    public PlanLimits Business { get; set; } = new()
    {
        Chatbots = 50, MessagesPerMonth = 100_000, KnowledgeCharacters = 60_000_000, Sources = 10_000, Seats = 25,
        ApiRequestsPerMinute = 6_000, VisitorMessagesPerMinute = 30, BotMessagesPerMinute = 12_000,
    };

    public PlanLimits LimitsOf(PlanTier tier) => tier switch
    {
        PlanTier.Free => Free,
        PlanTier.Pro => Pro,
        PlanTier.Business => Business,
        PlanTier.Unlimited => new PlanLimits(),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };
}
