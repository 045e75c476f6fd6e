using ChatSphere.GrainInterfaces.Billing;

namespace ChatSphere.Grains.Billing;

/// <summary>
/// What a workspace's billing grain persists. <see cref="Bots"/> holds one entry per chatbot of the workspace, so it is
/// bounded by the workspace's chatbot ceiling (<see cref="WorkspaceBillingGrain.MaxTrackedChatbots"/>);
/// <see cref="RecentPlanEvents"/> keeps the last few provider event ids only.
/// </summary>
[GenerateSerializer, Alias("ChatSphere.WorkspaceBillingState")]
public sealed class WorkspaceBillingState
{
    /// <summary>Null until the plan first changes: the deployment's default plan applies.</summary>
    [Id(0)] public PlanTier? Tier { get; set; }
    [Id(1)] public DateTimeOffset? PlanChangedAt { get; set; }
    [Id(2)] public string? Provider { get; set; }
    [Id(3)] public string? SubscriptionReference { get; set; }
    [Id(4)] public List<string> RecentPlanEvents { get; set; } = [];

    /// <summary>The month <see cref="MessagesUsed"/> counts (<c>yyyy-MM</c>); null before the first use.</summary>
    [Id(5)] public string? Period { get; set; }
    [Id(6)] public long MessagesUsed { get; set; }

    /// <summary>Per chatbot: the sources and knowledge characters counted for it.</summary>
    [Id(7)] public Dictionary<string, BotUsage> Bots { get; set; } = [];
    [Id(8)] public long Seats { get; set; }
    /// <summary>Sources and characters charged without a chatbot.</summary>
    [Id(9)] public BotUsage Unattributed { get; set; } = new();
    [Id(10)] public bool ReminderRegistered { get; set; }
}

/// <summary>The sources and knowledge characters one chatbot accounts for.</summary>
[GenerateSerializer, Alias("ChatSphere.BotUsage")]
public sealed class BotUsage
{
    [Id(0)] public long Sources { get; set; }
    [Id(1)] public long KnowledgeCharacters { get; set; }
}
