using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>A workspace's conversation list with the inbox's filters (a stateless worker over the table).</summary>
[StatelessWorker]
public sealed class WorkspaceConversationsGrain(InboxSearch search) : Grain, IWorkspaceConversationsGrain
{
    public Task<ConversationPage> ListAsync(InboxQuery query, string? cursor, int limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.BotId is { } bot && !Ids.IsWellFormed(bot))
        {
            errors["botId"] = ["Must be 1 to 64 letters, digits, '_' or '-'."];
        }

        if (query.AssigneeId is { } assignee && !Ids.IsWellFormed(assignee))
        {
            errors["assigneeId"] = ["Must be a member id, or 'none' for unassigned conversations."];
        }

        if (query.Text is { Length: > InboxSearch.MaxQueryLength })
        {
            errors["q"] = [$"Must be at most {InboxSearch.MaxQueryLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return search.ListAsync(this.GetPrimaryKeyString(), query, cursor, Math.Clamp(limit, 1, ConversationIndexGrain.MaxLimit));
    }
}
