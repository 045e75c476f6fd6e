using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Ai.Usage;

/// <summary>
/// Usage per reply (cs_message_usage) and its aggregates per chatbot per day and per workspace per month. Each silo
/// queues the records of all its grains and writes what gathered in a moment in one transaction, the aggregates merged in
/// memory first: no grain is a hot spot and a burst of replies costs a few commits. A record queued but not yet
/// committed when the silo dies is lost: usage is for analytics and quotas, not billing to the token. A reply's
/// retrieved knowledge goes beside its record (cs_message_hits, conversation data: it goes with the conversation).
/// </summary>
public sealed partial class UsageStore : IAsyncDisposable
{
    private const int MaxBatch = 512;

    /// <summary>How long the writer gathers records after the first: fewer, larger commits beside the conversation log's.</summary>
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(200);

    private readonly ChatSphereDatabase _database;
    private readonly ILogger<UsageStore> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public UsageStore(ChatSphereDatabase database, ILogger<UsageStore> logger)
    {
        _database = database;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a record; the task completes once it is committed (callers on a hot path need not wait).</summary>
    public Task RecordAsync(UsageRecord record)
    {
        var pending = new Pending(record);
        return _queue.Writer.TryWrite(pending) ? pending.Completion.Task : Task.FromException(new ObjectDisposedException(nameof(UsageStore)));
    }

    public async Task<UsageRecord?> GetAsync(string conversationId, long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(
                "SELECT conversation_id, seq, bot_id, workspace_id, model, prompt_tokens, completion_tokens, latency_ms, first_token_ms, outcome, created_at " +
                "FROM cs_message_usage WHERE conversation_id = @c AND seq = @s")
            .With("c", conversationId).With("s", seq).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new UsageRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.GetString(9),
            DbCommandExtensions.FromUnixMs(reader.GetInt64(10)));
    }

    /// <summary>The retrieved knowledge a reply was generated from (empty when it had none or has no record).</summary>
    public async Task<IReadOnlyList<GrainInterfaces.Ai.ReplyHit>> GetHitsAsync(string conversationId, long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var json = await connection.Command("SELECT hits FROM cs_message_hits WHERE conversation_id = @c AND seq = @s")
            .With("c", conversationId).With("s", seq).ExecuteScalarAsync(cancellationToken);
        return json is string text ? ReplyHitsCodec.Decode(text) : [];
    }

    /// <summary>A chatbot's usage per day and model from <paramref name="from"/> to <paramref name="to"/> (UTC days, inclusive).</summary>
    public async Task<IReadOnlyList<DailyUsage>> GetBotDailyAsync(string botId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(
                "SELECT day, model, replies, prompt_tokens, completion_tokens, latency_ms_total FROM cs_usage_bot_daily " +
                "WHERE bot_id = @b AND day >= @f AND day <= @t ORDER BY day, model")
            .With("b", botId).With("f", DayKey(from)).With("t", DayKey(to)).ExecuteReaderAsync(cancellationToken);
        var days = new List<DailyUsage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = DateOnly.ParseExact(reader.GetInt32(0).ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture);
            days.Add(new DailyUsage(day, reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return days;
    }

    /// <summary>A workspace's usage in one UTC month.</summary>
    public async Task<MonthlyUsage> GetWorkspaceMonthAsync(string workspaceId, int year, int month, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(
                "SELECT replies, prompt_tokens, completion_tokens FROM cs_usage_workspace_monthly WHERE workspace_id = @w AND month = @m")
            .With("w", workspaceId).With("m", (year * 100) + month).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MonthlyUsage(workspaceId, year, month, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
            : new MonthlyUsage(workspaceId, year, month, 0, 0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private static int DayKey(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (!_queue.Reader.Completion.IsCompleted)
            {
                await Task.WhenAny(_queue.Reader.Completion, Task.Delay(GatherFor));
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await WriteBatchAsync(batch.Select(p => p.Record).ToArray());
                batch.ForEach(p => p.Completion.TrySetResult());
            }
            catch (Exception exception)
            {
                LogBatchFailed(exception, batch.Count);
                batch.ForEach(p => p.Completion.TrySetException(exception));
            }
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<UsageRecord> records)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Only rows that were new count in the aggregates: a record written again (a retried batch) adds nothing.
        var inserted = new List<UsageRecord>(records.Count);
        foreach (var r in records)
        {
            await using var insert = connection.Command(
                "INSERT INTO cs_message_usage (conversation_id, seq, bot_id, workspace_id, model, prompt_tokens, completion_tokens, latency_ms, first_token_ms, outcome, created_at) " +
                "VALUES (@c, @s, @b, @w, @m, @p, @o, @l, @f, @x, @t) ON CONFLICT (conversation_id, seq) DO NOTHING", transaction)
                .With("c", r.ConversationId).With("s", r.Seq).With("b", r.BotId).With("w", r.WorkspaceId).With("m", r.Model)
                .With("p", r.PromptTokens).With("o", r.CompletionTokens).With("l", r.LatencyMs).With("f", r.FirstTokenMs)
                .With("x", r.Outcome).With("t", r.CreatedAt.ToUnixMs());
            if (await insert.ExecuteNonQueryAsync() > 0)
            {
                inserted.Add(r);
                if (r.Hits.Count > 0)
                {
                    await using var hits = connection.Command(
                        "INSERT INTO cs_message_hits (conversation_id, seq, workspace_id, hits) VALUES (@c, @s, @w, @h) ON CONFLICT (conversation_id, seq) DO NOTHING",
                        transaction)
                        .With("c", r.ConversationId).With("s", r.Seq).With("w", r.WorkspaceId).With("h", ReplyHitsCodec.Encode(r.Hits));
                    await hits.ExecuteNonQueryAsync();
                }
            }
        }

        foreach (var day in inserted.GroupBy(r => (r.BotId, Day: DayKey(DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)), r.Model)))
        {
            await using var upsert = connection.Command(
                "INSERT INTO cs_usage_bot_daily (bot_id, day, model, workspace_id, replies, prompt_tokens, completion_tokens, latency_ms_total) " +
                "VALUES (@b, @d, @m, @w, @n, @p, @o, @l) ON CONFLICT (bot_id, day, model) DO UPDATE SET " +
                "replies = cs_usage_bot_daily.replies + excluded.replies, prompt_tokens = cs_usage_bot_daily.prompt_tokens + excluded.prompt_tokens, " +
                "completion_tokens = cs_usage_bot_daily.completion_tokens + excluded.completion_tokens, latency_ms_total = cs_usage_bot_daily.latency_ms_total + excluded.latency_ms_total",
                transaction)
                .With("b", day.Key.BotId).With("d", day.Key.Day).With("m", day.Key.Model).With("w", day.First().WorkspaceId)
                .With("n", (long)day.Count()).With("p", day.Sum(r => (long)r.PromptTokens)).With("o", day.Sum(r => (long)r.CompletionTokens))
                .With("l", day.Sum(r => (long)r.LatencyMs));
            await upsert.ExecuteNonQueryAsync();
        }

        foreach (var month in inserted.GroupBy(r => (r.WorkspaceId, Month: (r.CreatedAt.UtcDateTime.Year * 100) + r.CreatedAt.UtcDateTime.Month)))
        {
            await using var upsert = connection.Command(
                "INSERT INTO cs_usage_workspace_monthly (workspace_id, month, replies, prompt_tokens, completion_tokens) VALUES (@w, @m, @n, @p, @o) " +
                "ON CONFLICT (workspace_id, month) DO UPDATE SET replies = cs_usage_workspace_monthly.replies + excluded.replies, " +
                "prompt_tokens = cs_usage_workspace_monthly.prompt_tokens + excluded.prompt_tokens, " +
                "completion_tokens = cs_usage_workspace_monthly.completion_tokens + excluded.completion_tokens",
                transaction)
                .With("w", month.Key.WorkspaceId).With("m", month.Key.Month).With("n", (long)month.Count())
                .With("p", month.Sum(r => (long)r.PromptTokens)).With("o", month.Sum(r => (long)r.CompletionTokens));
            await upsert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} usage records could not be written")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed class Pending(UsageRecord record)
    {
        public UsageRecord Record { get; } = record;
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A chatbot's usage on one UTC day with one model.</summary>
public sealed record DailyUsage(DateOnly Day, string Model, long Replies, long PromptTokens, long CompletionTokens, long LatencyMsTotal);

/// <summary>A workspace's usage in one UTC month.</summary>
public sealed record MonthlyUsage(string WorkspaceId, int Year, int Month, long Replies, long PromptTokens, long CompletionTokens);
