namespace ChatSphere.Grains.Billing;

/// <summary>
/// The time billing periods are read from. Its own service (not the host's <see cref="TimeProvider"/>, which Orleans
/// uses for its timers), so tests can move billing to the next month without moving the silo's clock.
/// </summary>
public sealed class BillingClock(TimeProvider time)
{
    public DateTimeOffset UtcNow => time.GetUtcNow();

    public BillingPeriod CurrentPeriod => BillingPeriod.Of(UtcNow);
}
