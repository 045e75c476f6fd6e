using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Knowledge.Search;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge.Indexing;

/// <summary>
/// Keeps one bot's retriever in step with its chunk table (the truth) across activations. On activation every chunk
/// becomes keyword-searchable and the vector store's namespace is reconciled with the chunks of the configured
/// embedding model (kept where it agrees, corrected where it does not), never rebuilt. Chunks made by another model
/// are embedded again from their stored text, a batch per <see cref="StepAsync"/>, so vector spaces never mix and the
/// grain stays responsive; until then they are found by their words. Owned by the grain: one call at a time.
/// </summary>
public sealed partial class KnowledgeIndexKeeper(
    string botId, IKnowledgeRetriever retriever, ChunkStore chunks, KnowledgeEmbedder embedder, ILogger logger, TimeProvider time)
{
    /// <summary>How long a failed step waits before the next attempt.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private bool _reconciled;
    private int _otherModel;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>The stable name of the configured embedding model.</summary>
    public string Model => embedder.Space.Model;

    /// <summary>True while the namespace still needs reconciling or chunks of another model wait to be embedded again.</summary>
    public bool HasWork => !_reconciled || _otherModel > 0;

    /// <summary>What the last reconciliation changed (null before one succeeded).</summary>
    public ReconcileResult? LastReconcile { get; private set; }

    /// <summary>Loads the retriever from the table; true when work is left for <see cref="StepAsync"/>.</summary>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var texts = new List<ChunkText>();
        await foreach (var chunk in chunks.ReadTextsAsync(botId, cancellationToken))
        {
            texts.Add(chunk);
        }

        await retriever.LoadTextsAsync(texts);
        _otherModel = texts.Count(c => c.EmbeddingModel != Model);
        await TryReconcileAsync();
        LogLoaded(logger, botId, texts.Count, _otherModel, Model);
        return HasWork;
    }

    /// <summary>
    /// Notes that chunks of another model were stored (an ingestion that ran with another configuration), so the next
    /// steps embed them again.
    /// </summary>
    public void ExpectOtherModel(int count) => _otherModel += count;

    /// <summary>Does the next piece of work; true while more is left (including a retry after a failure).</summary>
    public async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _retryAt)
        {
            return true;
        }

        if (!_reconciled)
        {
            await TryReconcileAsync();
            return HasWork;
        }

        try
        {
            await EmbedNextBatchAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogEmbedAgainFailed(logger, failure, botId, Model);
            _retryAt = time.GetUtcNow() + RetryDelay;
        }

        return HasWork;
    }

    private async Task TryReconcileAsync()
    {
        try
        {
            LastReconcile = await retriever.ReconcileAsync(embedder.Space, new ChunkVectorRecords(chunks, Model));
            _reconciled = true;
            LogReconciled(logger, botId, LastReconcile.Removed, LastReconcile.Applied, LastReconcile.Reset);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Keyword search still works; the vector side is retried, and nothing is embedded again before it is in step.
            LogReconcileFailed(logger, failure, botId);
            _retryAt = time.GetUtcNow() + RetryDelay;
        }
    }

    private async Task EmbedNextBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await chunks.ListOtherModelAsync(botId, Model, embedder.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            _otherModel = 0;
            return;
        }

        var vectors = await embedder.EmbedAsync(batch.Select(ChunkEmbeddingText.Of).ToArray(), cancellationToken);
        var updated = await chunks.ReplaceEmbeddingsAsync(
            botId, Model, batch.Select((c, i) => new ChunkEmbedding(c.Chunk.ChunkId, c.Chunk.EmbeddingModel, vectors[i])).ToArray(), cancellationToken);
        var texts = batch.ToDictionary(c => c.Chunk.ChunkId, StringComparer.Ordinal);
        await retriever.UpsertAsync(updated.Select(u =>
        {
            var (text, type, question) = texts[u.ChunkId];
            return new RetrievalChunk(u.ChunkId, u.SourceId, text.Title, text.HeadingPath, text.Text, u.Vector, u.Version) { Type = type, Question = question };
        }).ToArray());
        _otherModel = Math.Max(0, _otherModel - batch.Count);
        if (_otherModel == 0)
        {
            // Counted from the table, not trusted: chunks may have come or gone meanwhile.
            _otherModel = await chunks.CountOtherModelAsync(botId, Model, cancellationToken);
        }

        LogEmbeddedAgain(logger, botId, updated.Count, Model, _otherModel);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Knowledge of chatbot {BotId} loaded: {Count} chunks, {OtherModel} to embed again with {Model}")]
    private static partial void LogLoaded(ILogger logger, string botId, int count, int otherModel, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vectors of chatbot {BotId} reconciled with the chunk table: {Removed} removed, {Applied} applied, reset {Reset}")]
    private static partial void LogReconciled(ILogger logger, string botId, int removed, int applied, bool reset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Vectors of chatbot {BotId} could not be reconciled with the chunk table; search uses keywords until a retry succeeds")]
    private static partial void LogReconcileFailed(ILogger logger, Exception failure, string botId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chatbot {BotId}: {Count} chunks embedded again with {Model}, {Left} left")]
    private static partial void LogEmbeddedAgain(ILogger logger, string botId, int count, string model, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chatbot {BotId}: chunks could not be embedded again with {Model}; retrying later")]
    private static partial void LogEmbedAgainFailed(ILogger logger, Exception failure, string botId, string model);
}
