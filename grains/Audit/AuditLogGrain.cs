using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Audit;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Storage;
using Orleans.Concurrency;

namespace ChatSphere.Grains.Audit;

/// <summary>Appends to and reads a workspace's audit log; holds no state, so every silo may run one.</summary>
[StatelessWorker]
public sealed partial class AuditLogGrain(AuditStore store, TimeProvider clock) : Grain, IAuditLogGrain
{
    public const int MaxChanges = 50;
    public const int MaxValueLength = 500;

    private string WorkspaceId => this.GetPrimaryKeyString();

    public async Task<AuditEntry> RecordAsync(AuditRecord record)
    {
        Validate(record);
        var entry = new AuditEntry
        {
            Id = Ids.New("aud"),
            WorkspaceId = WorkspaceId,
            OccurredAt = clock.GetUtcNow(),
            Action = record.Action,
            ActorType = record.ActorType,
            ActorId = record.ActorId,
            ActorName = record.ActorName,
            TargetType = record.TargetType,
            TargetId = record.TargetId,
            IpHash = string.IsNullOrEmpty(record.IpAddress) ? null : await store.HashIpAsync(record.IpAddress),
            Changes = record.Changes.Select(c => c with { Before = Cut(c.Before), After = Cut(c.After) }).ToArray(),
        };
        await store.AppendAsync(entry);
        return entry;
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, string? cursor, int limit)
    {
        if (query.Action is { Length: > 100 })
        {
            throw new ValidationFailedException("action", "At most 100 characters.");
        }

        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw new ValidationFailedException("from", "Must be earlier than 'to'.");
        }

        var items = await store.QueryAsync(WorkspaceId, query, PageCursor.Decode(cursor), limit + 1);
        var page = items.Take(limit).ToArray();
        var next = items.Count > limit ? new PageCursor(page[^1].OccurredAt.ToUnixMs(), page[^1].Id).Encode() : null;
        return new AuditPage(page, next);
    }

    private static void Validate(AuditRecord record)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ActionPattern().IsMatch(record.Action))
        {
            errors["action"] = ["Must be 'area.verb' in lower case (letters, digits, '_'), at most 100 characters."];
        }

        if (string.IsNullOrWhiteSpace(record.ActorId) || record.ActorId.Length > 128)
        {
            errors["actorId"] = ["Required, at most 128 characters."];
        }

        if (record.ActorName is { Length: > 320 })
        {
            errors["actorName"] = ["At most 320 characters."];
        }

        if (record.TargetType is { Length: > 64 } || record.TargetId is { Length: > 128 })
        {
            errors["target"] = ["Target type at most 64 and target id at most 128 characters."];
        }

        if (record.Changes.Count > MaxChanges || record.Changes.Any(c => string.IsNullOrEmpty(c.Field) || c.Field.Length > 200))
        {
            errors["changes"] = [$"At most {MaxChanges} changes, each with a field name of 1 to 200 characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static string? Cut(string? value) => value is { Length: > MaxValueLength } ? value[..(MaxValueLength - 1)] + "…" : value;

    [GeneratedRegex("^(?=.{3,100}$)[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    private static partial Regex ActionPattern();
}
