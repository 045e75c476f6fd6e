namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>
/// The ingestion job of one training source, keyed by <see cref="SourceGrainKey"/>. It runs in the background, off the
/// request path; its progress is recorded through the knowledge grain, so a restarted silo finds every source that
/// was queued or processing and starts its job again.
/// </summary>
[Alias("ChatSphere.ISourceGrain")]
public interface ISourceGrain : IGrainWithStringKey
{
    /// <summary>Starts the job unless one is running; with <paramref name="again"/>, a running job is followed by another.</summary>
    [Alias("EnsureRunning"), AlwaysInterleave]
    Task EnsureRunningAsync(bool again);

    /// <summary>Sets (or with null clears) the re-sync schedule.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync(int? intervalMinutes);

    /// <summary>The source was deleted: stops the job and the schedule.</summary>
    [Alias("Stop"), AlwaysInterleave]
    Task StopAsync();
}

/// <summary>Keys of <see cref="ISourceGrain"/>: bot id and source id.</summary>
public static class SourceGrainKey
{
    public static string Of(string botId, string sourceId) => botId + "/" + sourceId;

    public static (string BotId, string SourceId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"Not a source grain key: '{key}'.", nameof(key));
    }
}
