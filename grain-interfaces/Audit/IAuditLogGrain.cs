namespace ChatSphere.GrainInterfaces.Audit;

/// <summary>
/// The append-only audit log of one workspace (keyed by workspace id). A stateless worker: entries are rows, written
/// before <see cref="RecordAsync"/> returns, and any silo may serve a workspace's reads and writes.
/// </summary>
[Alias("ChatSphere.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry. Throws <see cref="Errors.ValidationFailedException"/> on a malformed record.</summary>
    [Alias("Record")]
    Task<AuditEntry> RecordAsync(AuditRecord record);

    /// <summary>Entries matching <paramref name="query"/>, newest first, paged by an opaque cursor.</summary>
    [Alias("Query")]
    Task<AuditPage> QueryAsync(AuditQuery query, string? cursor, int limit);
}
