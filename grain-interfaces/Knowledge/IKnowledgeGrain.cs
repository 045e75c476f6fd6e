namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>The knowledge of one chatbot (keyed by bot id): its sources and the retrieval over them.</summary>
[Alias("ChatSphere.IKnowledgeGrain")]
public interface IKnowledgeGrain : IGrainWithStringKey
{
    /// <summary>Adds a source: a Q&amp;A pair is indexed at once, other types are queued for background ingestion. Throws <see cref="Errors.ValidationFailedException"/> on bad input.</summary>
    [Alias("AddSource")]
    Task<KnowledgeSource> AddSourceAsync(NewSource source);

    [Alias("GetSource"), AlwaysInterleave]
    Task<KnowledgeSource?> GetSourceAsync(string sourceId);

    /// <summary>Sources, newest first, paged by an opaque cursor.</summary>
    [Alias("ListSources"), AlwaysInterleave]
    Task<SourcePage> ListSourcesAsync(string? cursor, int limit);

    /// <summary>Removes a source and its index entries at once. False if it did not exist.</summary>
    [Alias("DeleteSource")]
    Task<bool> DeleteSourceAsync(string sourceId);

    /// <summary>Re-indexes a source: Q&amp;A pairs at once, other sources by queueing a background sync that re-embeds only what changed.</summary>
    [Alias("SyncSource")]
    Task<KnowledgeSource> SyncSourceAsync(string sourceId);

    /// <summary>The best matches for a query, best first, at most <paramref name="topK"/>, with default retrieval settings.</summary>
    [Alias("Search"), AlwaysInterleave]
    Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int topK);

    /// <summary>
    /// The best matches for a query under the bot's retrieval settings (score threshold, diversity, curated Q&amp;A
    /// threshold), best first, at most <paramref name="topK"/>. A curated Q&amp;A answer, if any, comes first.
    /// </summary>
    [Alias("Retrieve"), AlwaysInterleave]
    Task<IReadOnlyList<KnowledgeHit>> RetrieveAsync(string query, int topK, Chatbots.KnowledgeSettings settings);

    /// <summary>How many entries retrieval searches; conversations skip retrieval for a bot with none.</summary>
    [Alias("CountIndexed"), AlwaysInterleave]
    Task<int> CountIndexedAsync();

    /// <summary>Adds an uploaded document; it is parsed and indexed in the background.</summary>
    [Alias("AddFile")]
    Task<KnowledgeSource> AddFileAsync(NewFile file);

    /// <summary>Adds many Q&amp;A pairs at once, all or none; each becomes its own indexed source.</summary>
    [Alias("ImportQa")]
    Task<IReadOnlyList<KnowledgeSource>> ImportQaAsync(IReadOnlyList<QaPair> pairs);

    /// <summary>Subscribes (or renews) a watcher of source status; subscriptions lapse unless renewed within a few minutes.</summary>
    [Alias("Subscribe"), AlwaysInterleave]
    Task SubscribeAsync(IKnowledgeObserver observer);

    [Alias("Unsubscribe"), AlwaysInterleave]
    Task UnsubscribeAsync(IKnowledgeObserver observer);

    /// <summary>Removes every source (the bot was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
