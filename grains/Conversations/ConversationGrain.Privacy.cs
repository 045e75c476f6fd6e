using ChatSphere.Grains.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Conversations;

/// <summary>Erasure and retention: the conversation forgets itself in its own turn.</summary>
public sealed partial class ConversationGrain
{
    public async Task ForgetAsync()
    {
        if (_reply is { } reply)
        {
            await reply.Cancellation.CancelAsync();
        }

        try
        {
            // The cancelled reply stores itself as interrupted: that write must land before the rows go.
            await _replyTask;
        }
        catch (OperationCanceledException)
        {
            LogDeactivatedMidReply(ConversationId, _reply?.Seq ?? 0);
        }

        // Deleted in this turn, so no write of this activation can follow; a purge that ran before this call may have
        // missed a message written meanwhile, which goes now.
        await ServiceProvider.GetRequiredService<ConversationPurge>().DeleteAsync([ConversationId]);
        await ForgetIdleCloseAsync();
        _info = null;
        _reply = null;
        _tail.Clear();
        _visitor = null;
        _visitorLoaded = false;
        _memory = null;
        _memoryLoaded = false;
        _bot = null;
        _credentials = null;
        _viewers.Clear();
        ForgetWatchers();
        DeactivateOnIdle();
    }
}
