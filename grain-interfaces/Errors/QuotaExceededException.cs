using ChatSphere.GrainInterfaces.Billing;

namespace ChatSphere.GrainInterfaces.Errors;

/// <summary>
/// The workspace's plan does not allow this (the API answers 402 with <c>quota</c>, <c>limit</c>, <c>used</c> and a
/// <c>widgetMessage</c>). <see cref="Exception.Message"/> is written for whoever can cause it: visitors for messages,
/// workspace members for everything else.
/// </summary>
[GenerateSerializer, Alias("ChatSphere.QuotaExceededException")]
public sealed class QuotaExceededException(QuotaKind quota, long limit, long used, PlanTier tier)
    : ChatSphereException(MessageFor(quota, limit, tier))
{
    /// <summary>What a chat widget shows a visitor when a message is refused.</summary>
    public const string VisitorText = "This assistant can't take more messages right now. Please try again later.";

    [Id(0)] public QuotaKind Quota { get; } = quota;
    [Id(1)] public long Limit { get; } = limit;
    [Id(2)] public long Used { get; } = used;
    [Id(3)] public PlanTier Tier { get; } = tier;

    private static string MessageFor(QuotaKind quota, long limit, PlanTier tier) => quota switch
    {
        QuotaKind.MessagesPerMonth => VisitorText,
        QuotaKind.Chatbots => $"Your {Name(tier)} plan includes {limit} chatbot(s). Delete one or upgrade your plan to create more.",
        QuotaKind.Sources => $"Your {Name(tier)} plan includes {limit} training source(s). Delete some or upgrade your plan to add more.",
        QuotaKind.KnowledgeCharacters => $"Your {Name(tier)} plan includes {limit} characters of training content. Remove some or upgrade your plan to add more.",
        QuotaKind.Seats => $"Your {Name(tier)} plan includes {limit} seat(s). Remove a member or upgrade your plan to add more.",
        _ => $"Your {Name(tier)} plan's limit of {limit} is reached.",
    };

    private static string Name(PlanTier tier) => tier.ToString();
}
