namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>
/// What one plan allows. A value of 0 means "no limit" (quotas and rates alike). Rates are per minute; a bucket holds a
/// quarter of a minute's allowance, so short bursts pass and sustained excess is refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.PlanLimits")]
public sealed record PlanLimits
{
    [Id(0)] public long Chatbots { get; init; }
    [Id(1)] public long MessagesPerMonth { get; init; }
    [Id(2)] public long KnowledgeCharacters { get; init; }
    [Id(3)] public long Sources { get; init; }
    [Id(4)] public long Seats { get; init; }
    /// <summary>REST requests per minute of one API key.</summary>
    [Id(5)] public int ApiRequestsPerMinute { get; init; }
    /// <summary>Messages per minute of one widget visitor (or one REST caller) to one chatbot.</summary>
    [Id(6)] public int VisitorMessagesPerMinute { get; init; }
    /// <summary>Messages per minute to one chatbot from all its visitors together.</summary>
    [Id(7)] public int BotMessagesPerMinute { get; init; }

    /// <summary>The limit of one quota (0: none).</summary>
    public long Of(QuotaKind kind) => kind switch
    {
        QuotaKind.Chatbots => Chatbots,
        QuotaKind.MessagesPerMonth => MessagesPerMonth,
        QuotaKind.KnowledgeCharacters => KnowledgeCharacters,
        QuotaKind.Sources => Sources,
        QuotaKind.Seats => Seats,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
