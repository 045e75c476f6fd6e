using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// The default vector store: in process, one namespace per chatbot, each in its own folder under
/// <see cref="EmbeddedVectorStoreOptions.Folder"/>. A namespace is loaded on first use, searched exactly while small
/// and through HNSW once large, and saved after <see cref="EmbeddedVectorStoreOptions.SaveAfterChanges"/> changes,
/// on <see cref="FlushAsync"/> and on disposal. Writes made after the last save are lost in a crash; callers
/// restore them from the chunk table with <see cref="ReconcileAsync"/> when they first open a namespace.
/// </summary>
public sealed partial class EmbeddedVectorStore(EmbeddedVectorStoreOptions options, ILogger<EmbeddedVectorStore> logger) : IVectorStore, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Guarded>> _namespaces = new(StringComparer.Ordinal);

    public Task UpsertAsync(string @namespace, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        Write(@namespace, vectors =>
        {
            foreach (var record in records)
            {
                vectors.Upsert(record);
            }
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VectorMatch>> QueryAsync(string @namespace, VectorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var guarded = Open(@namespace);
        guarded.Lock.EnterReadLock();
        try
        {
            return Task.FromResult(guarded.Vectors.Query(query));
        }
        finally
        {
            guarded.Lock.ExitReadLock();
        }
    }

    public Task DeleteAsync(string @namespace, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Write(@namespace, vectors =>
        {
            foreach (var id in ids)
            {
                vectors.Remove(id);
            }
        });
        return Task.CompletedTask;
    }

    public Task DeleteBySourceAsync(string @namespace, string sourceId, CancellationToken cancellationToken = default)
    {
        Write(@namespace, vectors => vectors.RemoveSource(sourceId));
        return Task.CompletedTask;
    }

    public Task DeleteNamespaceAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        var guarded = Open(@namespace);
        guarded.Lock.EnterWriteLock();
        try
        {
            _namespaces.TryRemove(@namespace, out _);
            guarded.Vectors.Dispose();
            VectorNamespaceFile.Delete(FolderOf(@namespace));
        }
        finally
        {
            guarded.Lock.ExitWriteLock();
        }

        return Task.CompletedTask;
    }

    public Task<VectorStoreStats> GetStatsAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        var guarded = Open(@namespace);
        guarded.Lock.EnterReadLock();
        try
        {
            return Task.FromResult(new VectorStoreStats(guarded.Vectors.Count, guarded.Vectors.Dimensions));
        }
        finally
        {
            guarded.Lock.ExitReadLock();
        }
    }

    /// <summary>True when the namespace has moved to an HNSW graph.</summary>
    public bool UsesHnsw(string @namespace) => Open(@namespace).Vectors.UsesHnsw;

    /// <summary>Saves the namespace now if it changed since it was last saved.</summary>
    public Task FlushAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        Write(@namespace, _ => { }, forceSave: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Brings the namespace in line with the chunk table: a namespace that could not be read or holds another model's
    /// vectors is emptied first; then records whose chunk is gone are dropped, chunks that are missing or whose
    /// version differs from the indexed one are applied, and the namespace is saved. Only what differs is read from
    /// the table.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(string @namespace, VectorSpace space, IVectorRecordSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(source);
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var (id, version) in source.ListVersionsAsync(@namespace, cancellationToken))
        {
            current[id] = version;
        }

        var guarded = Open(@namespace);
        var reset = false;
        List<string> stale;
        List<string> missing;
        guarded.Lock.EnterWriteLock();
        try
        {
            var vectors = guarded.Vectors;
            if (vectors.Damaged || (vectors.Count > 0 && !InSpace(vectors, space)))
            {
                LogSpaceChanged(logger, @namespace, vectors.Damaged ? "(unreadable)" : vectors.Model, vectors.Dimensions, space.Model, space.Dimensions);
                vectors.Clear();
                vectors.Damaged = false;
                reset = true;
            }

            if (vectors.Model != space.Model)
            {
                vectors.Model = space.Model;
                vectors.PendingChanges++;
            }

            var indexed = vectors.Entries.ToDictionary(e => e.Id, e => e.Version, StringComparer.Ordinal);
            stale = indexed.Keys.Where(id => !current.ContainsKey(id)).ToList();
            missing = current.Where(c => !indexed.TryGetValue(c.Key, out var version) || version != c.Value).Select(c => c.Key).ToList();
        }
        finally
        {
            guarded.Lock.ExitWriteLock();
        }

        var records = new List<VectorRecord>(missing.Count);
        if (missing.Count > 0)
        {
            await foreach (var record in source.ReadAsync(@namespace, missing, cancellationToken))
            {
                records.Add(record);
            }
        }

        Write(@namespace, vectors =>
        {
            foreach (var id in stale)
            {
                vectors.Remove(id);
            }

            foreach (var record in records)
            {
                vectors.Upsert(record);
            }
        }, forceSave: true);
        LogReconciled(logger, @namespace, stale.Count, records.Count);
        return new ReconcileResult(stale.Count, records.Count, reset);
    }

    private static bool InSpace(VectorNamespace vectors, VectorSpace space) =>
        vectors.Model == space.Model && (space.Dimensions == 0 || vectors.Dimensions == space.Dimensions);

    /// <summary>Saves every changed namespace and releases the indexes.</summary>
    public void Dispose()
    {
        foreach (var (name, lazy) in _namespaces)
        {
            if (!lazy.IsValueCreated)
            {
                continue;
            }

            var guarded = lazy.Value;
            guarded.Lock.EnterWriteLock();
            try
            {
                if (guarded.Vectors.PendingChanges > 0)
                {
                    VectorNamespaceFile.Save(guarded.Vectors, FolderOf(name));
                }

                guarded.Vectors.Dispose();
            }
            finally
            {
                guarded.Lock.ExitWriteLock();
            }
        }

        _namespaces.Clear();
    }

    private void Write(string @namespace, Action<VectorNamespace> change, bool forceSave = false)
    {
        var guarded = Open(@namespace);
        guarded.Lock.EnterWriteLock();
        try
        {
            change(guarded.Vectors);
            var pending = guarded.Vectors.PendingChanges;
            if (pending >= options.SaveAfterChanges || (forceSave && pending > 0))
            {
                VectorNamespaceFile.Save(guarded.Vectors, FolderOf(@namespace));
                LogSaved(logger, @namespace, guarded.Vectors.Count, pending);
            }
        }
        finally
        {
            guarded.Lock.ExitWriteLock();
        }
    }

    private Guarded Open(string @namespace)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        return _namespaces.GetOrAdd(@namespace, name => new Lazy<Guarded>(() => Load(name), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private Guarded Load(string @namespace)
    {
        var folder = FolderOf(@namespace);
        try
        {
            return new Guarded(VectorNamespaceFile.Load(folder, options));
        }
        catch (Exception failure) when (failure is InvalidDataException or IOException or EndOfStreamException or Cloud.Unum.USearch.USearchException)
        {
            // A damaged index is only a cache of the chunk table: start empty and let reconciliation refill it.
            LogUnreadable(logger, failure, @namespace, folder);
            return new Guarded(new VectorNamespace(options) { PendingChanges = 1, Damaged = true });
        }
    }

    /// <summary>A folder name that is safe for any namespace: ids made of letters, digits, '-' and '_' are kept as they are.</summary>
    private string FolderOf(string @namespace)
    {
        var safe = @namespace.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? @namespace
            : "x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(@namespace));
        return Path.Combine(options.Folder, safe);
    }

    private sealed record Guarded(VectorNamespace Vectors)
    {
        public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved vector namespace {Namespace}: {Count} records after {Changes} changes")]
    private static partial void LogSaved(ILogger logger, string @namespace, int count, int changes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled vector namespace {Namespace} with the chunk table: {Removed} removed, {Applied} applied")]
    private static partial void LogReconciled(ILogger logger, string @namespace, int removed, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector namespace {Namespace} held vectors of {OldModel} ({OldDimensions} dimensions), not of {Model} ({Dimensions}): it is emptied and filled again from the chunk table")]
    private static partial void LogSpaceChanged(ILogger logger, string @namespace, string oldModel, int oldDimensions, string model, int dimensions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector namespace {Namespace} in {Folder} could not be read; it starts empty and is rebuilt from the chunk table")]
    private static partial void LogUnreadable(ILogger logger, Exception failure, string @namespace, string folder);
}
