using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Telling the workspace's inbox: every new conversation, message, mode, status and assignee change goes to the API
/// nodes whose dashboards watch the workspace (asked of the inbox grain, cached for a moment for messages; asked afresh
/// for every other change), in the order the changes happened.
/// </summary>
public sealed partial class ConversationGrain
{
    private static readonly TimeSpan InboxCacheTtl = TimeSpan.FromSeconds(2);
    private InboxWatchers? _inboxWatchers;
    private DateTimeOffset _inboxFetchedAt;
    private Task _inboxQueue = Task.CompletedTask;

    private void TellInbox(InboxChange change, ConversationInfo info, ConversationMessage? message = null, HandoffReason? reason = null)
    {
        var e = new InboxEvent { Change = change, Conversation = info, Message = message, Reason = reason };
        var previous = _inboxQueue;
        _inboxQueue = TellInboxAfterAsync(previous, e);
    }

    private async Task TellInboxAfterAsync(Task previous, InboxEvent e)
    {
        await previous;
        try
        {
            var stale = _inboxWatchers is null || clock.GetUtcNow() - _inboxFetchedAt >= InboxCacheTtl;
            if (stale || e.Change != InboxChange.Message)
            {
                _inboxWatchers = await GrainFactory.GetGrain<IInboxGrain>(e.Conversation.WorkspaceId).GetWatchersAsync();
                _inboxFetchedAt = clock.GetUtcNow();
            }

            foreach (var node in _inboxWatchers!.Nodes)
            {
                _ = node.OnInboxEventAsync(e.Conversation.WorkspaceId, e);
            }
        }
        catch (Exception exception)
        {
            LogInboxFailed(exception, ConversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the inbox about conversation {ConversationId}")]
    private partial void LogInboxFailed(Exception exception, string conversationId);
}
