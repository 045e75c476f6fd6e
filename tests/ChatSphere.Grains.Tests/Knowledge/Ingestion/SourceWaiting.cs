using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

internal static class SourceWaiting
{
    /// <summary>Polls until the source is indexed or failed; fails the test if that takes over a minute.</summary>
    public static Task<KnowledgeSource> SettledAsync(this IKnowledgeGrain knowledge, string sourceId, DateTimeOffset? after = null)
    {
        return Eventually.ReturnsAsync(
            async () => await knowledge.GetSourceAsync(sourceId) ?? throw new InvalidOperationException($"Source {sourceId} is gone."),
            source => source.Status is SourceStatus.Indexed or SourceStatus.Failed && (after is null || source.UpdatedAt > after),
            $"source {sourceId} indexed or failed",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(50));
    }
}
