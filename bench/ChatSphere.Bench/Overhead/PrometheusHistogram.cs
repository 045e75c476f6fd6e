using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatSphere.Bench.Overhead;

/// <summary>
/// One histogram scraped from a Prometheus text page: cumulative counts per upper bound, summed over label sets.
/// Two scrapes subtract to the samples recorded between them; percentiles interpolate linearly inside a bucket.
/// </summary>
public sealed partial class PrometheusHistogram(IReadOnlyList<(double UpperBound, double Count)> buckets)
{
    public IReadOnlyList<(double UpperBound, double Count)> Buckets { get; } = buckets;

    public double Count => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    /// <summary>The histogram <paramref name="name"/> (without <c>_bucket</c>) from a scraped page; empty when absent.</summary>
    public static PrometheusHistogram Parse(string page, string name)
    {
        var sums = new SortedDictionary<double, double>();
        foreach (Match line in BucketLine().Matches(page))
        {
            if (line.Groups["name"].Value != name)
            {
                continue;
            }

            var bound = line.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(line.Groups["le"].Value, CultureInfo.InvariantCulture);
            sums[bound] = sums.GetValueOrDefault(bound) + double.Parse(line.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        return new PrometheusHistogram(sums.Select(kv => (kv.Key, kv.Value)).ToArray());
    }

    /// <summary>The samples recorded after <paramref name="earlier"/> was scraped.</summary>
    public PrometheusHistogram Since(PrometheusHistogram earlier)
    {
        var before = earlier.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
        return new PrometheusHistogram(Buckets.Select(b => (b.UpperBound, b.Count - before.GetValueOrDefault(b.UpperBound))).ToArray());
    }

    /// <summary>The value below which <paramref name="quantile"/> of the samples lie, interpolated within its bucket.</summary>
    public double Percentile(double quantile)
    {
        if (Count <= 0)
        {
            return double.NaN;
        }

        var rank = quantile * Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upper, cumulative) in Buckets)
        {
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return lowerBound;
                }

                var inBucket = cumulative - lowerCount;
                return inBucket <= 0 ? upper : lowerBound + ((upper - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = upper;
            lowerCount = cumulative;
        }

        return lowerBound;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\{(?:[^}]*,)?le=""(?<le>[^""]+)""[^}]*\}\s+(?<count>[0-9.eE+\-]+)", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
