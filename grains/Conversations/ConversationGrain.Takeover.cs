using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Whose turn it is: takeover, hand-back, close and reopen. Every change of mode happens here, in the grain's own turn,
/// in one order: the reply in flight is stopped and stored as interrupted with exactly the text streamed so far, then the
/// mode changes (a new turn, so the old reply's late events are dropped), then the caller is answered. Checks and claims
/// happen before the first await, so of two agents taking over at once exactly one wins.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>An agent whose takeover is under way (waiting for a reply that was already being stored).</summary>
    private AgentRef? _claim;

    public async Task<ConversationInfo> TakeOverAsync(AgentRef agent)
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        EnsureAgent(agent);
        if (info.Status == ConversationStatus.Closed)
        {
            throw new ConflictException("The conversation is closed: reopen it before taking it over.");
        }

        if (_claim is { } claimed)
        {
            throw new ConversationHeldException(claimed);
        }

        if (info is { Mode: ConversationMode.Human, HeldBy: { } holder })
        {
            return holder.Id == agent.Id ? info : throw new ConversationHeldException(holder);
        }

        _claim = agent;
        try
        {
            var changed = await ChangeModeAsync(current => current with
            {
                Mode = ConversationMode.Human, HeldBy = agent, AssigneeId = current.AssigneeId ?? agent.Id,
            });
            TellInbox(InboxChange.Mode, changed);
            return changed;
        }
        finally
        {
            _claim = null;
        }
    }

    public async Task<ConversationInfo> HandBackAsync(AgentRef agent)
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        EnsureAgent(agent);
        if (_claim is { } claimed && claimed.Id != agent.Id)
        {
            throw new ConversationHeldException(claimed);
        }

        if (info is { Mode: ConversationMode.Human, HeldBy: { } holder } && holder.Id != agent.Id)
        {
            throw new ConversationHeldException(holder);
        }

        if (info.Mode == ConversationMode.Bot)
        {
            return info;
        }

        var changed = await ChangeModeAsync(current => current with { Mode = ConversationMode.Bot, HeldBy = null });
        TellInbox(InboxChange.Mode, changed);
        return changed;
    }

    public async Task<ConversationInfo> CloseAsync(AgentRef? by)
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        if (info.Status == ConversationStatus.Closed)
        {
            return info;
        }

        if (_claim is { } claimed)
        {
            throw new ConversationHeldException(claimed);
        }

        var changed = await ChangeModeAsync(current => current with
        {
            Mode = ConversationMode.Bot, HeldBy = null, Status = ConversationStatus.Closed, ClosedAt = StoredNow(),
        });
        await ForgetIdleCloseAsync();
        TellInbox(InboxChange.Status, changed);
        return changed;
    }

    public async Task<ConversationInfo> ReopenAsync(AgentRef? by)
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        if (info.Status == ConversationStatus.Open)
        {
            return info;
        }

        var changed = await ChangeModeAsync(Reopened);
        TellInbox(InboxChange.Status, changed);
        ScheduleIdleClose();
        return changed;
    }

    public async Task<ConversationInfo> AssignAsync(string? userId)
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        if (userId is not null && !Ids.IsWellFormed(userId))
        {
            throw new ValidationFailedException("userId", "Must be 1 to 64 letters, digits, '_' or '-'.");
        }

        if (info.AssigneeId == userId)
        {
            return info;
        }

        var assigned = info with { AssigneeId = userId };
        await store.WriteAsync(new ConversationWrite(assigned, []));
        _info = _info! with { AssigneeId = userId };
        TellInbox(InboxChange.Assignee, _info);
        return _info;
    }

    /// <summary>A closed conversation opened again: the bot answers.</summary>
    private static ConversationInfo Reopened(ConversationInfo info) =>
        info with { Status = ConversationStatus.Open, ClosedAt = null, Mode = ConversationMode.Bot, HeldBy = null, Turn = info.Turn + 1 };

    /// <summary>
    /// Starts a new turn with the mode and status <paramref name="change"/> gives. A reply whose text is complete and
    /// being written finishes first (its last events go out before the answer). Then, with no await before the write, in
    /// this order: the reply in flight (if any) is flushed, marked superseded and cancelled, so nothing of it goes out any
    /// more; it is written as interrupted with exactly that text, together with the new mode; then the interrupted reply's
    /// end and the mode event go to every reader. The caller answers only after this returned.
    /// </summary>
    private async Task<ConversationInfo> ChangeModeAsync(Func<ConversationInfo, ConversationInfo> change, bool? available = null)
    {
        while (_reply is { Storing: true })
        {
            await WhenReplySettledAsync();
        }

        var stopped = StopReply();
        var next = change(_info!);
        next = next with { Turn = Math.Max(next.Turn, _info!.Turn) + 1 };
        if (stopped is not null)
        {
            next = next with { LastSeq = Math.Max(next.LastSeq, stopped.Seq), LastActivityAt = stopped.CreatedAt, LastMessagePreview = Preview(stopped.Text) };
        }

        var before = _info;
        _info = next;
        try
        {
            await store.WriteAsync(new ConversationWrite(next, stopped is null ? [] : [stopped]));
        }
        catch
        {
            // Not stored: this activation's memory may be ahead of the table, so the next one reads the truth.
            _info = before;
            DeactivateOnIdle();
            throw;
        }

        // Keeps what changed meanwhile (an assignment); the mode, status and turn are this change's.
        _info = _info! with
        {
            Mode = next.Mode, Status = next.Status, HeldBy = next.HeldBy, Turn = next.Turn, ClosedAt = next.ClosedAt,
            LastSeq = Math.Max(_info.LastSeq, next.LastSeq),
        };
        var events = new List<ChatEvent>(2);
        if (stopped is not null)
        {
            Remember(stopped);
            events.Add(ChatEvent.FromMessage(stopped, next.Turn - 1));
        }

        events.Add(ModeEvent(available));
        Notify([.. events]);
        return _info;
    }

    /// <summary>
    /// Stops the reply in flight without awaiting anything: its waiting events go out (they are part of what was
    /// streamed), then it is superseded (no event of it goes out any more) and cancelled. Returns the reply as it must be
    /// stored: interrupted, with exactly the text the readers received. Null when no reply is in flight.
    /// </summary>
    private ConversationMessage? StopReply()
    {
        if (_reply is not { } reply)
        {
            return null;
        }

        Flush(reply);
        reply.Superseded = true;
        reply.Cancellation.Cancel();
        _reply = null;
        metrics.ReplyFinished(MessageStatus.Interrupted, StoredNow() - reply.Question.CreatedAt);
        return new ConversationMessage
        {
            Id = reply.MessageId,
            Seq = reply.Seq,
            Role = MessageRole.Assistant,
            Text = reply.Text.ToString(),
            CreatedAt = StoredNow(),
            Status = MessageStatus.Interrupted,
        };
    }

    /// <summary>Waits for the reply task to end, whatever its outcome (it logs its own failures).</summary>
    private async Task WhenReplySettledAsync()
    {
        try
        {
            await _replyTask;
        }
        catch (Exception exception) when (exception is not null)
        {
            LogDeactivatedMidReply(ConversationId, _reply?.Seq ?? 0);
        }
    }

    /// <summary>The event that tells every reader the mode (and status) now.</summary>
    private ChatEvent ModeEvent(bool? available = null, string? text = null) => new()
    {
        Seq = _info!.LastSeq,
        Type = ChatEventType.Mode,
        MessageId = "",
        Role = _info.Mode == ConversationMode.Human ? MessageRole.Agent : MessageRole.Assistant,
        Mode = _info.Mode,
        ConversationStatus = _info.Status,
        AgentName = _info.Mode == ConversationMode.Human ? _info.HeldBy?.Name : null,
        AgentAvatarUrl = _info.Mode == ConversationMode.Human ? _info.HeldBy?.AvatarUrl : null,
        Available = available,
        Text = text ?? "",
        Turn = _info.Turn,
        CreatedAt = StoredNow(),
    };

    private static void EnsureAgent(AgentRef agent)
    {
        if (agent is null || !Ids.IsWellFormed(agent.Id))
        {
            throw new ValidationFailedException("agent", "The agent must have an id.");
        }
    }
}
