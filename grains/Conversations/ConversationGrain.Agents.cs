using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// What agents do inside a conversation besides changing its mode: their messages and private notes, typing
/// indicators (both ways) and presence (which agents view it). Notes and presence are for agents only: the API never
/// sends them to the visitor.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>How long a viewer counts without renewal (the watching node renews well before).</summary>
    private static readonly TimeSpan ViewerLease = TimeSpan.FromMinutes(2);
    private readonly Dictionary<string, (AgentRef Agent, DateTimeOffset Until)> _viewers = new(StringComparer.Ordinal);

    public async Task<ConversationMessage> SendAgentMessageAsync(AgentMessage message)
    {
        _ = _info ?? throw new NotFoundException("Conversation", ConversationId);
        EnsureAgent(message?.Author!);
        var errors = new Dictionary<string, string[]>();
        var text = SendRules.Text(message!.Text, errors);
        if (message.ClientMessageId is not null && !SendRules.ClientMessageIdOk(message.ClientMessageId))
        {
            errors["clientMessageId"] = [$"Must be 1 to {SendRules.MaxClientMessageIdLength} printable characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (message.ClientMessageId is { } key && _tail.Find(m => m.ClientMessageId == key && m.Role == MessageRole.Agent) is { } earlier)
        {
            return earlier;
        }

        EnsureMayWrite(message);
        // Order in the log: a bot reply in flight (only notes can meet one) finishes first.
        await WhenReplySettledAsync();
        var info = _info!;
        EnsureMayWrite(message);

        var now = StoredNow();
        var written = new ConversationMessage
        {
            Id = Ids.New("msg"),
            Seq = info.LastSeq + 1,
            Role = MessageRole.Agent,
            Text = text,
            CreatedAt = now,
            ClientMessageId = message.ClientMessageId,
            Author = message.Author,
            Private = message.Private,
        };
        var updated = info with
        {
            LastSeq = written.Seq,
            LastActivityAt = message.Private ? info.LastActivityAt : now,
            LastMessagePreview = message.Private ? info.LastMessagePreview : Preview(text),
        };
        try
        {
            await store.WriteAsync(new ConversationWrite(updated, [written]));
        }
        catch (Exception exception) when (ConversationStore.IsDuplicateKey(exception) && message.ClientMessageId is not null)
        {
            var stored = await store.FindByClientMessageIdAsync(ConversationId, message.ClientMessageId);
            if (stored is null)
            {
                throw;
            }

            return stored;
        }

        _info = _info! with { LastSeq = written.Seq, LastActivityAt = updated.LastActivityAt, LastMessagePreview = updated.LastMessagePreview };
        Remember(written);
        Notify([ChatEvent.FromMessage(written, _info.Turn)]);
        TellInbox(InboxChange.Message, _info, written);
        if (!message.Private)
        {
            ScheduleIdleClose();
        }

        return written;
    }

    public Task TypingAsync(AgentRef? agent)
    {
        if (_info is not null)
        {
            Notify([new ChatEvent
            {
                Seq = _info.LastSeq,
                Type = ChatEventType.Typing,
                MessageId = "",
                Role = agent is null ? MessageRole.User : MessageRole.Agent,
                AgentName = agent?.Name,
                Author = agent,
                Turn = _info.Turn,
            }]);
        }

        return Task.CompletedTask;
    }

    public Task ViewAsync(AgentRef agent, bool viewing)
    {
        EnsureAgent(agent);
        if (_info is null)
        {
            throw new NotFoundException("Conversation", ConversationId);
        }

        var now = clock.GetUtcNow();
        var before = string.Join(",", CurrentViewers(now).Select(v => v.Id));
        if (viewing)
        {
            _viewers[agent.Id] = (agent, now + ViewerLease);
        }
        else
        {
            _viewers.Remove(agent.Id);
        }

        var viewers = CurrentViewers(now);
        if (string.Join(",", viewers.Select(v => v.Id)) != before || viewing)
        {
            Notify([new ChatEvent
            {
                Seq = _info.LastSeq, Type = ChatEventType.Presence, MessageId = "", Role = MessageRole.Agent, Viewers = viewers, Turn = _info.Turn,
            }]);
        }

        return Task.CompletedTask;
    }

    public async Task<VisitorProfile> LeaveEmailAsync(string email)
    {
        _ = _info ?? throw new NotFoundException("Conversation", ConversationId);
        var address = email?.Trim() ?? "";
        if (!IsEmail(address))
        {
            throw new ValidationFailedException("email", "Must be an email address.");
        }

        var current = await LoadVisitorAsync() ?? new VisitorProfile();
        var saved = await SaveVisitorAsync(current with
        {
            Email = current.DetailsVerified ? current.Email ?? address : address,
            Lead = new Dictionary<string, string>(current.Lead ?? new Dictionary<string, string>()) { ["email"] = address },
        });
        TellInbox(InboxChange.Message, _info!);
        return saved;
    }

    /// <summary>The agents viewing now, by name (expired leases dropped).</summary>
    private AgentRef[] CurrentViewers(DateTimeOffset now)
    {
        foreach (var gone in _viewers.Where(v => v.Value.Until <= now).Select(v => v.Key).ToArray())
        {
            _viewers.Remove(gone);
        }

        return _viewers.Values.Select(v => v.Agent).OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>An agent's message needs the conversation open and held by its author; a private note needs neither.</summary>
    private void EnsureMayWrite(AgentMessage message)
    {
        if (message.Private)
        {
            return;
        }

        var info = _info!;
        if (info.Status == ConversationStatus.Closed)
        {
            throw new ConflictException("The conversation is closed: reopen and take it over to reply.");
        }

        if (info is { Mode: ConversationMode.Human, HeldBy: { } holder })
        {
            if (holder.Id != message.Author.Id)
            {
                throw new ConversationHeldException(holder);
            }

            return;
        }

        throw new ConflictException("Take the conversation over before replying (a private note needs no takeover).");
    }
}
