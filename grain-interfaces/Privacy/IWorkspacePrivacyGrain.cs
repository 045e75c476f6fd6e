namespace ChatSphere.GrainInterfaces.Privacy;

/// <summary>
/// A workspace's personal data duties, keyed by workspace id: deleting conversations older than the workspace's
/// retention (on a reminder of its own, in bounded batches), erasing a visitor on request, and deleting every
/// conversation when the workspace goes. Aggregated counts (usage, billing, analytics) are never touched.
/// </summary>
[Alias("ChatSphere.IWorkspacePrivacyGrain")]
public interface IWorkspacePrivacyGrain : IGrainWithStringKey
{
    /// <summary>Starts the retention reminder when <paramref name="retentionDays"/> has a value, stops it otherwise.</summary>
    [Alias("ScheduleRetention")]
    Task ScheduleRetentionAsync(int? retentionDays);

    /// <summary>One retention sweep (what the reminder runs): deletes conversations whose last activity is older than
    /// the workspace's retention, at most a bounded number of batches. Returns how many were deleted.</summary>
    [Alias("ApplyRetention")]
    Task<int> ApplyRetentionAsync();

    /// <summary>Deletes every conversation of the visitor (by visitor id, or by the email address they gave in a lead
    /// form or a signed identity, which also finds their other conversations). Returns what the audit log may keep.</summary>
    [Alias("EraseVisitor")]
    Task<VisitorErasureResult> EraseVisitorAsync(VisitorErasure erasure);

    /// <summary>Deletes every conversation of the workspace; returns how many.</summary>
    [Alias("DeleteAllConversations")]
    Task<int> DeleteAllConversationsAsync();
}

/// <summary>Whom to erase: a visitor id, an email address, or both.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.VisitorErasure")]
public sealed record VisitorErasure
{
    [Id(0)] public string? VisitorId { get; init; }
    [Id(1)] public string? Email { get; init; }
}

/// <summary>What an erasure did, without the erased data: how many conversations went, and a keyed hash that tells two
/// requests for the same subject apart from others without revealing the subject.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.VisitorErasureResult")]
public sealed record VisitorErasureResult
{
    [Id(0)] public int Conversations { get; init; }
    [Id(1)] public required string Reference { get; init; }
}
