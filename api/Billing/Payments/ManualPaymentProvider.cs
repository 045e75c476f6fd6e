using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Billing.Payments;

/// <summary>
/// The built-in provider: no payment is taken. Plan changes asked through the API apply at once where the operator allows
/// it (<c>ChatSphere:Billing:Manual:AllowSelfService</c>, off by default), and an operator's back office can push changes as notifications signed with
/// <c>ChatSphere:Billing:Manual:NotificationSecret</c> (header <c>ChatSphere-Signature: sha256=&lt;hex HMAC of the body&gt;</c>,
/// body <c>{"eventId","workspaceId","plan","subscriptionReference"}</c>). Without a secret every notification is refused.
/// </summary>
public sealed class ManualPaymentProvider(IOptions<ManualPaymentOptions> options) : IPaymentProvider
{
    public const string ProviderName = "manual";
    public const string SignatureHeader = "ChatSphere-Signature";
    private const string SignaturePrefix = "sha256=";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public string Name => ProviderName;

    public Task<PlanCheckout> StartCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        EnsureSelfService();
        return Task.FromResult(new PlanCheckout(Applied: true, RedirectUrl: null, SubscriptionReference: null));
    }

    public Task<PlanCheckout> ChangeSubscriptionAsync(SubscriptionChangeRequest request, CancellationToken cancellationToken)
    {
        EnsureSelfService();
        return Task.FromResult(new PlanCheckout(Applied: true, RedirectUrl: null, SubscriptionReference: request.SubscriptionReference));
    }

    public PaymentNotification? ReadNotification(ReadOnlySpan<byte> body, Func<string, string?> header)
    {
        var secret = options.Value.NotificationSecret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new PaymentNotificationRejectedException("Notifications are not enabled: no notification secret is configured.");
        }

        var signature = header(SignatureHeader);
        if (signature is null || !signature.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            throw new PaymentNotificationRejectedException($"The {SignatureHeader} header is missing or malformed.");
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(signature.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            throw new PaymentNotificationRejectedException($"The {SignatureHeader} header is not hexadecimal.");
        }

        var expected = Sign(Encoding.UTF8.GetBytes(secret), body);
        if (!CryptographicOperations.FixedTimeEquals(expected, claimed))
        {
            throw new PaymentNotificationRejectedException("The signature does not match the body.");
        }

        ManualNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<ManualNotification>(body, Json);
        }
        catch (JsonException)
        {
            throw new PaymentNotificationRejectedException("The body is not a notification.");
        }

        if (notification is not { EventId.Length: > 0 and <= 200, WorkspaceId: var ws, Plan: { } plan } || !Ids.IsWellFormed(ws))
        {
            throw new PaymentNotificationRejectedException("The notification needs eventId, a well-formed workspaceId and plan.");
        }

        return new PaymentNotification(notification.EventId, ws!, plan, notification.SubscriptionReference);
    }

    /// <summary>No payment is taken, so customers change their own plan only where the operator allows it.</summary>
    private void EnsureSelfService()
    {
        if (!options.Value.AllowSelfService)
        {
            throw new ForbiddenException("Plan changes are made by the operator of this service. Please contact them to change your plan.");
        }
    }

    /// <summary>The HMAC-SHA256 of a body under the secret, as the signature header carries it (lower-case hex after <c>sha256=</c>).</summary>
    public static string SignatureOf(string secret, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(Sign(Encoding.UTF8.GetBytes(secret), body));

    private static byte[] Sign(byte[] key, ReadOnlySpan<byte> body) => HMACSHA256.HashData(key, body);

    private sealed record ManualNotification(string EventId, string? WorkspaceId, PlanTier? Plan, string? SubscriptionReference);
}

/// <summary><c>ChatSphere:Billing:Manual</c>.</summary>
public sealed class ManualPaymentOptions
{
    /// <summary>The shared secret notifications are signed with; notifications are refused without one.</summary>
    public string? NotificationSecret { get; set; }

    /// <summary>Whether workspace owners may change their own plan through the API (nothing is charged).</summary>
    public bool AllowSelfService { get; set; }
}
