using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Api.Billing.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>
/// A workspace's plan, its changes through the payment provider, and its monthly statements. Plan changes apply at once
/// with a provider that takes no payment (the built-in <c>manual</c> one, where the operator allows self-service; 403
/// otherwise); with a paying provider the answer is 202 with its checkout address, and its signed notification to
/// <c>/api/v1/billing/notifications/{provider}</c> applies the change.
/// </summary>
public static class BillingApi
{
    /// <summary>Largest notification body read (providers send a few kilobytes).</summary>
    public const int MaxNotificationBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces/{workspaceId}/billing").WithTags("Billing");
        api.MapGet("/plan", GetPlanAsync).WithName("GetWorkspacePlan").WithSummary("The workspace's plan and its limits")
            .RequireWorkspaceAccess(Permission.Read);
        api.MapPut("/plan", ChangePlanAsync).WithName("ChangeWorkspacePlan")
            .WithSummary("Move the workspace to another plan (at once, or through the payment provider's checkout)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireUser().RequireWorkspaceAccess(Permission.ManageBilling);
        api.MapGet("/statements", ListStatementsAsync).WithName("ListBillingStatements").WithSummary("Monthly statements, newest first")
            .RequireWorkspaceAccess(Permission.ManageWorkspace);

        app.MapPost("/api/v1/billing/notifications/{provider}", NotifyAsync).WithTags("Billing")
            .WithName("PaymentNotification")
            .WithSummary("A payment provider's signed notification of a subscription change")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<PlanResponse>> GetPlanAsync(IGrainFactory grains, string workspaceId) =>
        TypedResults.Ok(PlanResponse.From(await Billing(grains, workspaceId).GetPlanAsync()));

    public static async Task<Results<Ok<PlanResponse>, Accepted<CheckoutResponse>>> ChangePlanAsync(
        HttpContext http, IGrainFactory grains, PaymentProviders payments, AuditTrail audit, string workspaceId, ChangePlanRequest request,
        CancellationToken cancellationToken)
    {
        // Unlimited is the operator's to give (configuration or a signed notification), never a customer's to take.
        if (request.Plan is not { } tier || tier is not (PlanTier.Free or PlanTier.Pro or PlanTier.Business))
        {
            throw new ValidationFailedException("plan", "Is required: free, pro or business.");
        }

        if (request.ReturnUrl is { } returnUrl && (!returnUrl.IsAbsoluteUri || returnUrl.Scheme is not ("https" or "http")))
        {
            throw new ValidationFailedException("returnUrl", "Must be an absolute http(s) address.");
        }

        var billing = Billing(grains, workspaceId);
        var current = await billing.GetPlanAsync();
        var provider = payments.Current;
        var checkout = current.SubscriptionReference is { } subscription && string.Equals(current.Provider, provider.Name, StringComparison.OrdinalIgnoreCase)
            ? await provider.ChangeSubscriptionAsync(new SubscriptionChangeRequest(workspaceId, subscription, tier), cancellationToken)
            : await provider.StartCheckoutAsync(new CheckoutRequest(workspaceId, tier, request.ReturnUrl), cancellationToken);
        if (!checkout.Applied)
        {
            return TypedResults.Accepted(checkout.RedirectUrl?.ToString(), new CheckoutResponse(checkout.RedirectUrl));
        }

        var plan = await billing.ChangePlanAsync(new PlanChange
        {
            Tier = tier, Provider = provider.Name, SubscriptionReference = checkout.SubscriptionReference,
        });
        await audit.RecordAsync(http, workspaceId, "billing.plan_changed", "workspace", workspaceId,
            AuditChanges.Of("plan", current.Tier.ToString().ToLowerInvariant(), plan.Tier.ToString().ToLowerInvariant()));
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    public static async Task<Ok<Page<StatementResponse>>> ListStatementsAsync(IGrainFactory grains, string workspaceId, int? limit, string? cursor)
    {
        var page = await Billing(grains, workspaceId).ListStatementsAsync(cursor, Paging.Limit(limit));
        return TypedResults.Ok(new Page<StatementResponse>(page.Items.Select(StatementResponse.From).ToArray(), page.NextCursor));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> NotifyAsync(
        HttpContext http, IGrainFactory grains, PaymentProviders payments, string provider)
    {
        if (payments.Find(provider) is not { } payment)
        {
            return TypedResults.NotFound();
        }

        var body = await ReadBodyAsync(http);
        PaymentNotification? notification;
        try
        {
            notification = payment.ReadNotification(body, name => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null);
        }
        catch (PaymentNotificationRejectedException rejected)
        {
            return TypedResults.Problem(title: "The notification was rejected.", detail: rejected.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (notification is not null)
        {
            await grains.GetGrain<IWorkspaceBillingGrain>(notification.WorkspaceId).ChangePlanAsync(new PlanChange
            {
                Tier = notification.Tier, Provider = payment.Name, SubscriptionReference = notification.SubscriptionReference,
                EventId = notification.EventId,
            });
        }

        return TypedResults.NoContent();
    }

    private static IWorkspaceBillingGrain Billing(IGrainFactory grains, string workspaceId) =>
        grains.GetGrain<IWorkspaceBillingGrain>(Paging.Id(workspaceId, "Workspace"));

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxNotificationBytes)
            {
                throw new BadHttpRequestException("The notification is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>Body of a plan change: the plan, and where the payment provider sends the person back.</summary>
public sealed record ChangePlanRequest(PlanTier? Plan, Uri? ReturnUrl);

/// <summary>The payment provider's page that completes a plan change, when it has one.</summary>
public sealed record CheckoutResponse(Uri? CheckoutUrl);

/// <summary>A workspace's plan with its limits, as the billing routes show it.</summary>
public sealed record PlanResponse(PlanTier Plan, PlanLimitsResponse Limits, DateTimeOffset? ChangedAt, string? Provider)
{
    public static PlanResponse From(PlanInfo plan) => new(plan.Tier, PlanLimitsResponse.From(plan.Limits), plan.ChangedAt, plan.Provider);
}

/// <summary>A plan's limits; null means no limit.</summary>
public sealed record PlanLimitsResponse(
    long? Chatbots, long? MessagesPerMonth, long? KnowledgeCharacters, long? Sources, long? Seats,
    int? ApiRequestsPerMinute, int? VisitorMessagesPerMinute, int? BotMessagesPerMinute)
{
    public static PlanLimitsResponse From(PlanLimits l) => new(
        Limit(l.Chatbots), Limit(l.MessagesPerMonth), Limit(l.KnowledgeCharacters), Limit(l.Sources), Limit(l.Seats),
        Rate(l.ApiRequestsPerMinute), Rate(l.VisitorMessagesPerMinute), Rate(l.BotMessagesPerMinute));

    private static long? Limit(long value) => value > 0 ? value : null;

    private static int? Rate(int value) => value > 0 ? value : null;
}

/// <summary>One month's billing statement of a workspace: the plan and what was used.</summary>
public sealed record StatementResponse(
    string WorkspaceId, string Period, PlanTier Plan, long MessagesUsed, long? MessagesLimit, long Chatbots, long Sources,
    long KnowledgeCharacters, long Seats, DateTimeOffset CreatedAt)
{
    public static StatementResponse From(BillingStatement s) => new(
        s.WorkspaceId, s.Period, s.Tier, s.MessagesUsed, s.MessagesLimit > 0 ? s.MessagesLimit : null, s.Chatbots, s.Sources,
        s.KnowledgeCharacters, s.Seats, s.CreatedAt);
}
