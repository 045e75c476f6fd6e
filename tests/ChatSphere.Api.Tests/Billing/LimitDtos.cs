namespace ChatSphere.Api.Tests.Billing;

public sealed record QuotaProblemDto(
    string? Title, int Status, string? Detail, string? Type, string? Quota, long Limit, long Used, string? Plan, string? WidgetMessage);

public sealed record RateProblemDto(string? Title, int Status, string? Detail, string? Scope, int RetryAfter, string? WidgetMessage);

public sealed record QuotaUsageDto(string Quota, long Used, long? Limit);

public sealed record UsageDto(string WorkspaceId, string Plan, string Period, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, List<QuotaUsageDto> Quotas)
{
    public QuotaUsageDto Of(string quota) => Quotas.Single(q => q.Quota == quota);
}

public sealed record PlanLimitsDto(long? Chatbots, long? MessagesPerMonth, int? VisitorMessagesPerMinute, int? BotMessagesPerMinute);

public sealed record PlanDto(string Plan, PlanLimitsDto Limits, DateTimeOffset? ChangedAt, string? Provider);

public sealed record StatementDto(string WorkspaceId, string Period, string Plan, long MessagesUsed, long? MessagesLimit);
