using System.Globalization;

namespace ChatSphere.Grains.Billing;

/// <summary>A calendar month in UTC, written <c>yyyy-MM</c>; periods compare in time order.</summary>
public readonly record struct BillingPeriod(int Year, int Month) : IComparable<BillingPeriod>
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddMonths(1);

    public static BillingPeriod Of(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new BillingPeriod(utc.Year, utc.Month);
    }

    public static BillingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period (yyyy-MM).");

    public static bool TryParse(string? text, out BillingPeriod period)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            period = new BillingPeriod(month.Year, month.Month);
            return true;
        }

        period = default;
        return false;
    }

    public BillingPeriod Next() => Of(End);

    public int CompareTo(BillingPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
