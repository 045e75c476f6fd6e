using ChatSphere.GrainInterfaces.Billing;

namespace ChatSphere.Api.Billing.Payments;

/// <summary>
/// A payment service (Stripe, Paddle, an operator's back office...) seen through the three things ChatSphere needs:
/// start a purchase of a plan, change an existing subscription, and read the provider's signed notifications, which
/// are what actually change a workspace's plan (except for providers that apply a change at once).
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider's name in configuration and in notification routes (<c>manual</c>, ...).</summary>
    string Name { get; }

    /// <summary>Starts moving a workspace without a subscription to a paid (or free) tier.</summary>
    Task<PlanCheckout> StartCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>Changes the tier of an existing subscription (upgrade, downgrade, cancel to free).</summary>
    Task<PlanCheckout> ChangeSubscriptionAsync(SubscriptionChangeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies a notification's signature over its exact body and reads it. Returns null for events that do not change a
    /// plan; throws <see cref="PaymentNotificationRejectedException"/> for one that is not authentic or not readable.
    /// </summary>
    PaymentNotification? ReadNotification(ReadOnlySpan<byte> body, Func<string, string?> header);
}

/// <summary>What the customer asked for, and where to send them back after paying.</summary>
public sealed record CheckoutRequest(string WorkspaceId, PlanTier Tier, Uri? ReturnUrl);

/// <summary>A change of an existing subscription.</summary>
public sealed record SubscriptionChangeRequest(string WorkspaceId, string SubscriptionReference, PlanTier Tier);

/// <summary>
/// The outcome of starting a change: applied at once (<see cref="Applied"/>, the caller records it), or waiting for the
/// customer at <see cref="RedirectUrl"/> until the provider's notification confirms it.
/// </summary>
public sealed record PlanCheckout(bool Applied, Uri? RedirectUrl, string? SubscriptionReference);

/// <summary>A verified notification that moves a workspace to a tier. <see cref="EventId"/> makes redelivery harmless.</summary>
public sealed record PaymentNotification(string EventId, string WorkspaceId, PlanTier Tier, string? SubscriptionReference);

/// <summary>A notification that is not authentic or not readable (the API answers 400 and the provider retries or gives up).</summary>
public sealed class PaymentNotificationRejectedException(string message) : Exception(message);
