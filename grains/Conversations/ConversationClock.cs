namespace ChatSphere.Grains.Conversations;

/// <summary>
/// The time conversations read (message times, business hours, idle close, caches). Its own service over the host's
/// <see cref="TimeProvider"/> (which Orleans uses for its timers), as <see cref="Billing.BillingClock"/> is, so tests can
/// move a conversation's time without moving the silo's clock.
/// </summary>
public sealed class ConversationClock(TimeProvider time)
{
    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}
