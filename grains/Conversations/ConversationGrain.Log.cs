using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Conversations;

/// <summary>The conversation grain's log messages (structured, with named placeholders).</summary>
public sealed partial class ConversationGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {Seq} of conversation {ConversationId} was interrupted")]
    private partial void LogReplyFailed(Exception exception, string conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} deactivated before reply {Seq} was stored")]
    private partial void LogDeactivatedMidReply(string conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {Seq} of conversation {ConversationId} cancelled: {Reason}")]
    private partial void LogReplyCancelled(string conversationId, long seq, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reply {Seq} of conversation {ConversationId} could not be stored")]
    private partial void LogReplyNotStored(Exception exception, string conversationId, long seq);
}
