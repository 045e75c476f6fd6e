using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Chatbots;
using ChatSphere.Grains.Storage;
using ChatSphere.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// One live conversation. The message log lives in the conversation store (a table, read in pages); the grain
/// keeps its newest messages and the reply being generated. A message is acknowledged only after its commit.
/// Replies are generated one at a time in the grain's own context, independent of who asked, so a dropped
/// caller never stops a reply; every event goes to the subscribed observers (one per API node).
/// This file holds the conversation's state changes; the partial files hold one concern each: the reply
/// (<c>.Reply</c>), observers and watchers (<c>.Watchers</c>), the widget's additions (<c>.Visitor</c>), erasure
/// (<c>.Privacy</c>) and live operations (<c>.Takeover</c>, <c>.Agents</c>, <c>.Handoff</c>, <c>.Inactivity</c>).
/// </summary>
public sealed partial class ConversationGrain(
    ConversationStore store,
    ReplyPipeline replies,
    ChatMetrics metrics,
    MessageUsageMeter usage,
    Microsoft.Extensions.Options.IOptions<AiOptions> aiOptions,
    ConversationClock clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    /// <summary>The longest message text (the OpenAI gateway uses the same bound).</summary>
    public const int MaxTextLength = SendRules.MaxTextLength;
    private const int TailSize = 50;

    private readonly List<ConversationMessage> _tail = [];
    private ConversationInfo? _info;

    private string ConversationId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _info = await store.GetConversationAsync(ConversationId, cancellationToken);
        if (_info is null)
        {
            return;
        }

        _tail.AddRange(await store.ReadTailAsync(ConversationId, TailSize, cancellationToken));
        if (_tail.Count > 0 && _tail[^1].Seq > _info.LastSeq)
        {
            // The index row lags behind a question whose reply was never stored; the log is the truth.
            _info = _info with { LastSeq = _tail[^1].Seq, LastActivityAt = _tail[^1].CreatedAt, LastMessagePreview = Preview(_tail[^1].Text) };
        }

        if (_tail.Count > 0 && _tail[^1].Role == MessageRole.User && BotAnswers(_info))
        {
            // The previous activation died while generating this question's reply: record it as interrupted.
            await StoreInterruptedReplyAsync(_tail[^1]);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_reply is { } reply)
        {
            // The reply is stored as interrupted by its own task once cancelled.
            await reply.Cancellation.CancelAsync();
            try
            {
                await _replyTask.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                LogDeactivatedMidReply(ConversationId, reply.Seq);
            }
        }
    }

    public async Task<ConversationInfo> StartAsync(ConversationStart start)
    {
        if (_info is not null)
        {
            return _info.BotId == start.BotId && _info.VisitorId == start.VisitorId
                ? _info
                : throw new ConflictException($"Conversation '{ConversationId}' belongs to another chatbot or visitor.");
        }

        if (!Ids.IsWellFormed(start.VisitorId))
        {
            throw new ValidationFailedException("visitorId", "Must be 1 to 64 letters, digits, '_' or '-'.");
        }

        var bot = await GrainFactory.GetGrain<IChatbotGrain>(start.BotId).GetAsync()
            ?? throw new NotFoundException("Chatbot", start.BotId);
        var now = StoredNow();
        var info = new ConversationInfo
        {
            Id = ConversationId,
            BotId = bot.Id,
            WorkspaceId = bot.WorkspaceId,
            VisitorId = start.VisitorId,
            // Whatever the caller says the page was: only an absolute http(s) address is kept (the dashboard shows it).
            PageUrl = PageAddresses.OrNull(start.PageUrl),
            StartedAt = now,
            LastActivityAt = now,
        };
        await store.WriteAsync(new ConversationWrite(info, []));
        _info = info;
        TellInbox(InboxChange.Started, info);
        return info;
    }

    public Task<ConversationInfo?> GetAsync() => Task.FromResult(_info);

    public async Task<SendReceipt> SendAsync(SendMessage message, IConversationObserver? observer)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        var text = SendRules.Validate(message);
        if (observer is not null)
        {
            Watch(observer);
        }

        if (FindInTail(message.ClientMessageId) is { } earlier)
        {
            return await DuplicateReceiptAsync(earlier);
        }

        // Counted against the month's quota before it is stored: a refused message was never acknowledged.
        await usage.ConsumeAsync(info.WorkspaceId);

        // One reply at a time: the log stays in question, answer, question, answer order.
        await _replyTask;
        info = _info!;

        var now = StoredNow();
        var question = new ConversationMessage
        {
            Id = Ids.New("msg"),
            Seq = info.LastSeq + 1,
            Role = MessageRole.User,
            Text = text,
            CreatedAt = now,
            ClientMessageId = message.ClientMessageId,
        };
        // A visitor who writes into a closed conversation reopens it (the bot answers again).
        var reopened = info.Status == ConversationStatus.Closed;
        var updated = info with { LastSeq = question.Seq, LastActivityAt = now, LastMessagePreview = Preview(text) };
        if (reopened)
        {
            updated = Reopened(updated);
        }

        try
        {
            // The index row waits for the reply, unless no reply follows (or the row changes now).
            await store.WriteAsync(new ConversationWrite(updated, [question], UpdateIndex: reopened || !BotAnswers(updated)));
        }
        catch (Exception exception) when (ConversationStore.IsDuplicateKey(exception))
        {
            // A retry of a message older than the tail: the table's unique index found it, so no send pays a lookup.
            var stored = await store.FindByClientMessageIdAsync(ConversationId, message.ClientMessageId);
            if (stored is null)
            {
                throw;
            }

            return await DuplicateReceiptAsync(stored);
        }

        // Whatever changed while the question was being written (a takeover) is kept; the log moved on by one.
        _info = (reopened ? updated : _info!) with { LastSeq = question.Seq, LastActivityAt = now, LastMessagePreview = updated.LastMessagePreview };
        Remember(question);
        metrics.MessageReceived();
        TellInbox(reopened ? InboxChange.Status : InboxChange.Message, _info, question);
        ScheduleIdleClose();
        if (reopened)
        {
            Notify([ModeEvent()]);
        }

        var questionSent = false;
        if (BotAnswers(_info) && LiveChat(await GetBotAsync()) is { } live && LiveChatRules.MatchesKeyword(live.Handoff ?? new(), text))
        {
            // The keyword rule: the question goes out first, then the request for a person (the bot answers only when nobody is available).
            Notify([ChatEvent.FromMessage(question, _info.Turn)]);
            questionSent = true;
            await HandOverAsync(HandoffReason.Keyword);
        }

        if (!BotAnswers(_info))
        {
            // A person holds the conversation (or was just asked for): the question waits for them.
            if (!questionSent)
            {
                Notify([ChatEvent.FromMessage(question, _info.Turn)]);
            }

            return new SendReceipt { UserMessage = question, ReplyMessageId = "", NoReply = true };
        }

        var reply = new ReplyRun(question.Seq + 1, Ids.New("msg"), question, _info.Turn, receivedAt) { QuestionSent = questionSent };
        _reply = reply;
        _replyTask = GenerateReplyAsync(reply);
        return new SendReceipt { UserMessage = question, ReplySeq = reply.Seq, ReplyMessageId = reply.MessageId };
    }

    public async Task<ResumeBatch> ResumeAsync(long afterSeq, int limit, IConversationObserver? observer)
    {
        if (_info is null)
        {
            throw new NotFoundException("Conversation", ConversationId);
        }

        if (observer is not null)
        {
            Watch(observer);
        }

        limit = Math.Clamp(limit, 1, 500);
        var messages = await ReadAfterAsync(afterSeq, limit + 1);
        var hasMore = messages.Count > limit;
        if (hasMore)
        {
            messages = messages.Take(limit).ToArray();
        }

        var partial = !hasMore && _reply is { Superseded: false } reply && reply.Seq > afterSeq ? reply.Snapshot() : null;
        return new ResumeBatch { Messages = messages, HasMore = hasMore, Partial = partial, LastSeq = _info.LastSeq, Conversation = _info };
    }

    public async Task<MessagePage> GetMessagesAsync(long afterSeq, int limit)
    {
        if (_info is null)
        {
            throw new NotFoundException("Conversation", ConversationId);
        }

        limit = Math.Clamp(limit, 1, 500);
        var messages = await ReadAfterAsync(afterSeq, limit + 1);
        if (messages.Count > limit)
        {
            var page = messages.Take(limit).ToArray();
            return await WithRatingsAsync(new MessagePage(page, page[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return await WithRatingsAsync(new MessagePage(messages, null));
    }

    /// <summary>Whether the bot answers visitor messages now: open, and no person holds or was asked for the conversation.</summary>
    private static bool BotAnswers(ConversationInfo info) => info.Mode == ConversationMode.Bot && info.Status == ConversationStatus.Open;

    private async Task<IReadOnlyList<ConversationMessage>> ReadAfterAsync(long afterSeq, int count)
    {
        // Served from memory when the tail reaches back far enough; the table otherwise.
        if (_tail.Count > 0 && _tail[0].Seq <= afterSeq + 1)
        {
            return _tail.Where(m => m.Seq > afterSeq).Take(count).ToArray();
        }

        return _info!.LastSeq <= afterSeq ? [] : await store.ReadMessagesAsync(ConversationId, afterSeq, count);
    }

    private void Remember(ConversationMessage message)
    {
        _tail.Add(message);
        if (_tail.Count > TailSize)
        {
            _tail.RemoveRange(0, _tail.Count - TailSize);
        }
    }

    /// <summary>
    /// The current time as the store keeps it (whole milliseconds), so a message or conversation reads the same from
    /// memory as from the table after the grain is reactivated.
    /// </summary>
    private DateTimeOffset StoredNow() => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static string Preview(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
