using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Billing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>A workspace's usage of its plan in the current month.</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/workspaces/{workspaceId}/usage", GetAsync).WithTags("Billing")
            .WithName("GetWorkspaceUsage")
            .WithSummary("Usage of every plan quota this month: used and limit (null when the plan sets none)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAccess(Permission.Read);
        return app;
    }

    public static async Task<Ok<UsageResponse>> GetAsync(IGrainFactory grains, string workspaceId)
    {
        var usage = await grains.GetGrain<IWorkspaceBillingGrain>(Paging.Id(workspaceId, "Workspace")).GetUsageAsync();
        return TypedResults.Ok(UsageResponse.From(usage));
    }
}

/// <summary>A workspace's use of its plan's quotas in the current period.</summary>
public sealed record UsageResponse(
    string WorkspaceId, PlanTier Plan, string Period, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, IReadOnlyList<QuotaUsageResponse> Quotas)
{
    public static UsageResponse From(WorkspaceUsage usage) => new(
        usage.WorkspaceId, usage.Plan.Tier, usage.Period, usage.PeriodStart, usage.PeriodEnd,
        usage.Quotas.Select(q => new QuotaUsageResponse(q.Kind, q.Used, q.Limit > 0 ? q.Limit : null)).ToArray());
}

/// <summary>One quota: <see cref="Limit"/> is null when the plan sets no limit.</summary>
public sealed record QuotaUsageResponse(QuotaKind Quota, long Used, long? Limit);
