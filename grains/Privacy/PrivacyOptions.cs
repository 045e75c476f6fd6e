using Microsoft.Extensions.Configuration;

namespace ChatSphere.Grains.Privacy;

/// <summary>Settings of retention and erasure, from <c>ChatSphere:Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "ChatSphere:Privacy";

    /// <summary>The cluster shape's default retention when <c>DefaultRetentionDays</c> is not configured.</summary>
    public const int ClusterDefaultRetentionDays = 365;

    /// <summary>
    /// Days a workspace keeps conversations when it never chose (null: keep them). Default: keep in the embedded
    /// shape, <see cref="ClusterDefaultRetentionDays"/> in the cluster shape; <c>0</c> configures "keep".
    /// </summary>
    public int? DefaultRetentionDays { get; set; }

    /// <summary>How often each workspace with a retention looks for conversations to delete.</summary>
    public TimeSpan RetentionSweepPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Conversations deleted per statement batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Batches one retention sweep deletes at most; the rest waits for the next tick.</summary>
    public int MaxBatchesPerSweep { get; set; } = 50;

    internal static void Read(IConfiguration configuration, PrivacyOptions options)
    {
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));
        var section = configuration.GetSection(SectionName);
        var days = section.GetValue<int?>(nameof(DefaultRetentionDays)) ?? (embedded ? null : ClusterDefaultRetentionDays);
        options.DefaultRetentionDays = days is > 0 ? Math.Min(days.Value, RetentionRules.MaxDays) : null;
        var period = section.GetValue(nameof(RetentionSweepPeriod), options.RetentionSweepPeriod);
        // Orleans reminders tick at most once a minute.
        options.RetentionSweepPeriod = period < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : period;
        options.BatchSize = Math.Clamp(section.GetValue(nameof(BatchSize), options.BatchSize), 1, 1000);
        options.MaxBatchesPerSweep = Math.Max(1, section.GetValue(nameof(MaxBatchesPerSweep), options.MaxBatchesPerSweep));
    }
}

/// <summary>What a workspace's retention may be.</summary>
public static class RetentionRules
{
    public const int MinDays = 1;
    /// <summary>Ten years.</summary>
    public const int MaxDays = 3650;

    public static bool IsValid(int? days) => days is null or (>= MinDays and <= MaxDays);
}
