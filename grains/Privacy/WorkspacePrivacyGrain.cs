using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Privacy;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Timers;

namespace ChatSphere.Grains.Privacy;

/// <summary>
/// Retention and erasure for one workspace. Holds no state of its own: the retention is the workspace grain's, the
/// reminder is Orleans' (one per workspace with a retention, so no singleton and no polling loop), the rows are found
/// and deleted through <see cref="ConversationPurge"/>. Every conversation is forgotten by its own grain as well, so
/// an active one stops its reply and keeps nothing in memory.
/// </summary>
public sealed partial class WorkspacePrivacyGrain(
    ConversationPurge purge,
    Conversations.VisitorStore visitors,
    PersonalDataProtector protector,
    IOptions<PrivacyOptions> options,
    TimeProvider clock,
    ILogger<WorkspacePrivacyGrain> logger) : Grain, IWorkspacePrivacyGrain, IRemindable
{
    public const string RetentionReminder = "conversation-retention";
    public const int MaxVisitorIdLength = 64;
    public const int MaxEmailLength = 254;

    private readonly PrivacyOptions _options = options.Value;

    private string WorkspaceId => this.GetPrimaryKeyString();

    public async Task ScheduleRetentionAsync(int? retentionDays)
    {
        if (ServiceProvider.GetService<IReminderRegistry>() is null)
        {
            return;
        }

        if (retentionDays is not null)
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, _options.RetentionSweepPeriod, _options.RetentionSweepPeriod);
        }
        else if (await this.GetReminder(RetentionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetentionReminder)
        {
            await ApplyRetentionAsync();
        }
    }

    public async Task<int> ApplyRetentionAsync()
    {
        var workspace = await GrainFactory.GetGrain<IWorkspaceGrain>(WorkspaceId).GetAsync();
        if (workspace?.ConversationRetentionDays is not { } days)
        {
            // Deleted, or set to keep: the reminder has nothing more to do.
            await ScheduleRetentionAsync(null);
            return 0;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(days);
        var deleted = 0;
        for (var batch = 0; batch < _options.MaxBatchesPerSweep; batch++)
        {
            var ids = await purge.InactiveSinceAsync(WorkspaceId, cutoff, _options.BatchSize);
            deleted += await DeleteAsync(ids);
            if (ids.Count < _options.BatchSize)
            {
                break;
            }
        }

        if (deleted > 0)
        {
            LogRetention(WorkspaceId, deleted, days);
        }

        return deleted;
    }

    public async Task<VisitorErasureResult> EraseVisitorAsync(VisitorErasure erasure)
    {
        var visitorId = string.IsNullOrWhiteSpace(erasure.VisitorId) ? null : erasure.VisitorId.Trim();
        var email = string.IsNullOrWhiteSpace(erasure.Email) ? null : erasure.Email.Trim();
        Validate(visitorId, email);

        var visitorIds = new HashSet<string>(StringComparer.Ordinal);
        if (visitorId is not null)
        {
            visitorIds.Add(visitorId);
        }

        if (email is not null)
        {
            // Rows written before encryption have no hash yet: encrypt them first, so the lookup sees them too.
            while (await visitors.EncryptLegacyAsync(WorkspaceId, _options.BatchSize) == _options.BatchSize)
            {
            }

            visitorIds.UnionWith(await purge.VisitorsByEmailHashAsync(WorkspaceId, protector.EmailHash(email)!));
        }

        var deleted = 0;
        foreach (var visitor in visitorIds)
        {
            while (true)
            {
                var ids = await purge.OfVisitorAsync(WorkspaceId, visitor, _options.BatchSize);
                deleted += await DeleteAsync(ids);
                if (ids.Count < _options.BatchSize)
                {
                    break;
                }
            }
        }

        var reference = protector.Reference(visitorId is not null ? "visitor" : "email",
            visitorId ?? GrainInterfaces.Accounts.EmailAddresses.Normalize(email!));
        LogErased(WorkspaceId, reference, deleted);
        return new VisitorErasureResult { Conversations = deleted, Reference = reference };
    }

    public async Task<int> DeleteAllConversationsAsync()
    {
        var deleted = 0;
        while (true)
        {
            var ids = await purge.OfWorkspaceAsync(WorkspaceId, _options.BatchSize);
            deleted += await DeleteAsync(ids);
            if (ids.Count < _options.BatchSize)
            {
                return deleted;
            }
        }
    }

    /// <summary>Deletes the rows in one transaction, then has each conversation's grain forget itself (an active one
    /// stops its reply and deletes whatever it wrote since). Returns how many conversations the batch held.</summary>
    private async Task<int> DeleteAsync(IReadOnlyList<string> conversationIds)
    {
        if (conversationIds.Count == 0)
        {
            return 0;
        }

        await purge.DeleteAsync(conversationIds);
        await Task.WhenAll(conversationIds.Select(id => GrainFactory.GetGrain<IConversationGrain>(id).ForgetAsync()));
        return conversationIds.Count;
    }

    private static void Validate(string? visitorId, string? email)
    {
        var errors = new Dictionary<string, string[]>();
        if (visitorId is null && email is null)
        {
            errors["visitorId"] = ["Give a visitor id, an email address, or both."];
            errors["email"] = ["Give a visitor id, an email address, or both."];
        }

        if (visitorId is { Length: > MaxVisitorIdLength } || (visitorId is not null && visitorId.Any(char.IsControl)))
        {
            errors["visitorId"] = [$"Must be at most {MaxVisitorIdLength} printable characters."];
        }

        if (email is not null && (email.Length > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsControl)))
        {
            errors["email"] = [$"Must be an email address of at most {MaxEmailLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: retention of {Days} days deleted {Count} conversations")]
    private partial void LogRetention(string workspaceId, int count, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId}: visitor {Reference} erased ({Count} conversations)")]
    private partial void LogErased(string workspaceId, string reference, int count);
}
