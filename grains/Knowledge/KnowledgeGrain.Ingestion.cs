using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge;

/// <summary>What source jobs report back (IKnowledgeIngestion: progress, pages' chunks, the characters charged), and keeping the jobs of unfinished sources running (the resume reminder).</summary>
public sealed partial class KnowledgeGrain
{
    private const string ResumeReminder = "resume-ingestion";

    public async Task<KnowledgeSource?> ReportAsync(string sourceId, SourceProgress progress)
    {
        if (progress.Status == SourceStatus.Indexed)
        {
            progress = await ChargeCharactersAsync(sourceId, progress);
        }

        if (!await store.UpdateProgressAsync(BotId, sourceId, progress, StoredNow()))
        {
            return null;
        }

        var source = await store.GetAsync(BotId, sourceId);
        if (source is not null)
        {
            Notify(source, deleted: false);
        }

        return source;
    }

    public Task<bool> ApplyPageAsync(string sourceId, PageUpdate update) => ApplyPageAsync(sourceId, update, question: null);

    /// <summary>Stores a page's chunk changes and brings the retriever level; <paramref name="question"/> marks a Q&amp;A pair's page.</summary>
    private async Task<bool> ApplyPageAsync(string sourceId, PageUpdate update, string? question)
    {
        if (await store.GetAsync(BotId, sourceId) is null)
        {
            return false;
        }

        await chunks.ApplyPageAsync(BotId, sourceId, update);
        await _retriever.RemoveAsync(update.RemovedChunkIds);
        await _retriever.UpsertAsync(Retrievable(sourceId, update, question));
        return true;
    }

    public async Task<bool> RemovePagesAsync(string sourceId, IReadOnlyList<string> pageKeys)
    {
        if (await store.GetAsync(BotId, sourceId) is null)
        {
            return false;
        }

        var removed = await chunks.RemovePagesAsync(BotId, sourceId, pageKeys);
        await _retriever.RemoveAsync(removed);
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ResumeReminder && !await ResumeUnfinishedAsync() && await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// A finished ingestion's characters against the plan: the difference from what the source was last charged is
    /// charged or given back. Over the plan, the source keeps no content (the bot must not answer from what the plan does
    /// not cover) and fails with the quota's message.
    /// </summary>
    private async Task<SourceProgress> ChargeCharactersAsync(string sourceId, SourceProgress progress)
    {
        if (await store.GetAsync(BotId, sourceId) is not { Type: not SourceType.Qa }
            || await store.GetChargedCharactersAsync(BotId, sourceId) is not { } charged)
        {
            return progress;
        }

        var difference = progress.Characters - charged;
        try
        {
            if (difference > 0)
            {
                await GrainFactory.AcquireForBotAsync(BotId, [new QuotaCharge(QuotaKind.KnowledgeCharacters, difference)]);
            }
            else if (difference < 0)
            {
                await GrainFactory.ReleaseForBotAsync(BotId, [new QuotaCharge(QuotaKind.KnowledgeCharacters, -difference)]);
            }

            await store.SetChargedCharactersAsync(BotId, sourceId, progress.Characters);
            return progress;
        }
        catch (QuotaExceededException exceeded)
        {
            var pages = await chunks.ListPagesAsync(BotId, sourceId);
            await _retriever.RemoveAsync(await chunks.RemovePagesAsync(BotId, sourceId, pages.Keys.ToArray()));
            await GrainFactory.ReleaseForBotAsync(BotId, [new QuotaCharge(QuotaKind.KnowledgeCharacters, charged)]);
            await store.SetChargedCharactersAsync(BotId, sourceId, 0);
            return progress with { Status = SourceStatus.Failed, Error = exceeded.Message, Pages = 0, Chunks = 0, Characters = 0 };
        }
    }

    private async Task StartJobAsync(KnowledgeSource source)
    {
        var job = GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, source.Id));
        if (source.SyncIntervalMinutes is { } interval)
        {
            await job.ScheduleAsync(interval);
        }

        await job.EnsureRunningAsync(again: false);
        await KeepResumingAsync();
        Notify(source, deleted: false);
    }

    /// <summary>Makes sure the job of every queued or processing source runs; false when there are none.</summary>
    private async Task<bool> ResumeUnfinishedAsync()
    {
        var unfinished = await store.ListUnfinishedAsync(BotId);
        foreach (var sourceId in unfinished)
        {
            await GrainFactory.GetGrain<ISourceGrain>(SourceGrainKey.Of(BotId, sourceId)).EnsureRunningAsync(again: false);
        }

        if (unfinished.Count > 0)
        {
            LogResumed(BotId, unfinished.Count);
            await KeepResumingAsync();
        }

        return unfinished.Count > 0;
    }

    private async Task KeepResumingAsync()
    {
        var period = options.Value.ResumeCheckPeriod;
        try
        {
            if (await this.GetReminder(ResumeReminder) is null)
            {
                await this.RegisterOrUpdateReminder(ResumeReminder, period, period);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Jobs still run; only their resumption after a crash would wait for the next activation.
            LogReminderFailed(exception, BotId);
        }
    }

    private static SourceProgress Requeued(KnowledgeSource source) => new()
    {
        Status = SourceStatus.Queued,
        Pages = source.Pages,
        Chunks = source.Chunks,
        Characters = source.Characters,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge of chatbot {BotId}: {Count} unfinished sources have their jobs running")]
    private partial void LogResumed(string botId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge of chatbot {BotId} could not register its resume reminder")]
    private partial void LogReminderFailed(Exception exception, string botId);
}
