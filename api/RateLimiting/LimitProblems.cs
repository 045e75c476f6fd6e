using System.Text.Json;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.RateLimiting;

/// <summary>
/// The answers to plan and rate limits. A spent quota is 402 (retrying does not help until the month turns or the plan
/// changes) with <c>quota</c>, <c>limit</c>, <c>used</c>, <c>plan</c> and <c>widgetMessage</c> (a text a chat widget can show
/// a visitor); a rate limit is 429 with a <c>Retry-After</c> header and <c>retryAfter</c> (seconds) in the body.
/// </summary>
public static class LimitProblems
{
    public static ProblemDetails Quota(QuotaExceededException quota) => new()
    {
        Status = StatusCodes.Status402PaymentRequired,
        Title = "Plan limit reached.",
        Detail = quota.Message,
        Type = "https://chatsphere.dev/problems/quota-exceeded",
        Extensions =
        {
            ["quota"] = JsonNamingPolicy.CamelCase.ConvertName(quota.Quota.ToString()),
            ["limit"] = quota.Limit,
            ["used"] = quota.Used,
            ["plan"] = JsonNamingPolicy.CamelCase.ConvertName(quota.Tier.ToString()),
            ["widgetMessage"] = QuotaExceededException.VisitorText,
        },
    };

    public static ProblemDetails RateLimited(RateLimitExceededException limited, HttpContext context)
    {
        context.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = limited.Message,
            Type = "https://chatsphere.dev/problems/rate-limited",
            Extensions =
            {
                ["scope"] = limited.Scope,
                ["retryAfter"] = limited.RetryAfterSeconds,
                ["widgetMessage"] = limited.Message,
            },
        };
    }
}
