using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

internal static class SourceWaiting
{
    /// <summary>Polls until the source is indexed or failed; fails the test if that takes over a minute.</summary>
    public static async Task<KnowledgeSource> SettledAsync(this IKnowledgeGrain knowledge, string sourceId, DateTimeOffset? after = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var source = await knowledge.GetSourceAsync(sourceId) ?? throw new InvalidOperationException($"Source {sourceId} is gone.");
            if (source.Status is SourceStatus.Indexed or SourceStatus.Failed && (after is null || source.UpdatedAt > after))
            {
                return source;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Source {sourceId} is still {source.Status} ({source.Stage}) after a minute.");
            }

            await Task.Delay(50);
        }
    }
}
