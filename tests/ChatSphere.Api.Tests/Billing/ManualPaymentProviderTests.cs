using System.Text;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Api.Billing.Payments;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Tests.Billing;

public sealed class ManualPaymentProviderTests
{
    private const string Secret = "back-office-secret";

    [Fact]
    public async Task Customers_change_their_own_plan_only_where_the_operator_allows_it()
    {
        var closed = Provider(allowSelfService: false);
        await Assert.ThrowsAsync<ForbiddenException>(() => closed.StartCheckoutAsync(new CheckoutRequest("ws_1", PlanTier.Pro, null), default));
        await Assert.ThrowsAsync<ForbiddenException>(
            () => closed.ChangeSubscriptionAsync(new SubscriptionChangeRequest("ws_1", "sub_1", PlanTier.Pro), default));

        var open = await Provider(allowSelfService: true).StartCheckoutAsync(new CheckoutRequest("ws_1", PlanTier.Pro, null), default);
        Assert.True(open.Applied);
        Assert.Null(open.RedirectUrl);
    }

    [Fact]
    public void A_notification_is_read_only_with_the_right_signature_over_the_exact_body()
    {
        var provider = Provider(allowSelfService: false);
        var body = Encoding.UTF8.GetBytes("""{"eventId":"evt_9","workspaceId":"ws_9","plan":"unlimited","subscriptionReference":"sub_9"}""");
        var signature = ManualPaymentProvider.SignatureOf(Secret, body);

        var notification = provider.ReadNotification(body, Header(signature));
        Assert.Equal(new PaymentNotification("evt_9", "ws_9", PlanTier.Unlimited, "sub_9"), notification);

        var tampered = Encoding.UTF8.GetBytes("""{"eventId":"evt_9","workspaceId":"ws_8","plan":"unlimited","subscriptionReference":"sub_9"}""");
        Assert.Throws<PaymentNotificationRejectedException>(() => provider.ReadNotification(tampered, Header(signature)));
        Assert.Throws<PaymentNotificationRejectedException>(() => provider.ReadNotification(body, Header(null)));
        Assert.Throws<PaymentNotificationRejectedException>(() => provider.ReadNotification(body, Header("sha256=zz")));
        Assert.Throws<PaymentNotificationRejectedException>(() => provider.ReadNotification(body, Header(ManualPaymentProvider.SignatureOf("other", body))));

        var incomplete = Encoding.UTF8.GetBytes("""{"eventId":"evt_10","plan":"pro"}""");
        Assert.Throws<PaymentNotificationRejectedException>(
            () => provider.ReadNotification(incomplete, Header(ManualPaymentProvider.SignatureOf(Secret, incomplete))));
    }

    [Fact]
    public void Without_a_secret_every_notification_is_refused()
    {
        var provider = new ManualPaymentProvider(Options.Create(new ManualPaymentOptions()));
        var body = Encoding.UTF8.GetBytes("""{"eventId":"evt_1","workspaceId":"ws_1","plan":"pro"}""");
        Assert.Throws<PaymentNotificationRejectedException>(() => provider.ReadNotification(body, Header(ManualPaymentProvider.SignatureOf("", body))));
    }

    private static ManualPaymentProvider Provider(bool allowSelfService) =>
        new(Options.Create(new ManualPaymentOptions { NotificationSecret = Secret, AllowSelfService = allowSelfService }));

    private static Func<string, string?> Header(string? signature) =>
        name => name == ManualPaymentProvider.SignatureHeader ? signature : null;
}
