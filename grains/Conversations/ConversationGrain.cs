using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Providers;
using ChatSphere.Grains.Ai.Usage;
using ChatSphere.Grains.Storage;
using ChatSphere.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// One live conversation. The message log lives in the conversation store (a table, read in pages); the grain
/// keeps its newest messages and the reply being generated. A message is acknowledged only after its commit.
/// Replies are generated one at a time in the grain's own context, independent of who asked, so a dropped
/// caller never stops a reply; every event goes to the subscribed observers (one per API node).
/// </summary>
public sealed partial class ConversationGrain(
    ConversationStore store,
    ReplyPipeline replies,
    ChatMetrics metrics,
    MessageUsageMeter usage,
    Microsoft.Extensions.Options.IOptions<AiOptions> aiOptions,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 128;
    private const int TailSize = 50;
    private const int MaxTokensPerEvent = 64;
    private const int RetrievalTopK = 5;
    private const int ExtraFolded = 8;
    /// <summary>How long a conversation uses its bot's settings and knowledge size before asking again.</summary>
    private static readonly TimeSpan BotCacheTtl = TimeSpan.FromSeconds(10);

    private readonly ObserverManager<IConversationObserver> _observers = new(TimeSpan.FromMinutes(5), logger);
    /// <summary>Subscribed nodes that said none of their readers follows this conversation any more.</summary>
    private readonly HashSet<IConversationObserver> _idleWatchers = [];
    private IGrainTimer? _abandonCheck;
    private readonly List<ConversationMessage> _tail = [];
    private ConversationInfo? _info;
    private ReplyInProgress? _reply;
    private Task _replyTask = Task.CompletedTask;
    private ChatbotInfo? _bot;
    private int _knowledgeEntries;
    private DateTimeOffset _botFetchedAt;
    private IReadOnlyDictionary<string, ProviderCredential>? _credentials;
    private DateTimeOffset _credentialsFetchedAt;
    private ConversationMemory? _memory;
    private bool _memoryLoaded;

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

        if (_tail.Count > 0 && _tail[^1].Role == MessageRole.User)
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
        return info;
    }

    public Task<ConversationInfo?> GetAsync() => Task.FromResult(_info);

    public async Task<SendReceipt> SendAsync(SendMessage message, IConversationObserver? observer)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        var text = ValidateSend(message);
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
        var updated = info with { LastSeq = question.Seq, LastActivityAt = now, LastMessagePreview = Preview(text) };
        try
        {
            await store.WriteAsync(new ConversationWrite(updated, [question], UpdateIndex: false));
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

        _info = updated;
        Remember(question);
        metrics.MessageReceived();

        var reply = new ReplyInProgress(question.Seq + 1, Ids.New("msg"), question) { ReceivedAt = receivedAt };
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

        var partial = !hasMore && _reply is { } reply && reply.Seq > afterSeq ? reply.Snapshot() : null;
        return new ResumeBatch { Messages = messages, HasMore = hasMore, Partial = partial, LastSeq = _info.LastSeq };
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

    public async Task<bool> CancelReplyAsync(string reason)
    {
        if (_reply is not { } reply)
        {
            return false;
        }

        LogReplyCancelled(ConversationId, reply.Seq, reason);
        await reply.Cancellation.CancelAsync();
        return true;
    }

    public Task SubscribeAsync(IConversationObserver observer)
    {
        Watch(observer);
        return Task.CompletedTask;
    }

    public Task ReleaseWatchAsync(IConversationObserver observer)
    {
        _idleWatchers.Add(observer);
        if (_reply is not null && NobodyWatches())
        {
            _abandonCheck?.Dispose();
            var grace = TimeSpan.FromSeconds(Math.Max(0, aiOptions.Value.AbandonedReplyGraceSeconds));
            _abandonCheck = this.RegisterGrainTimer(CancelIfAbandonedAsync, new GrainTimerCreationOptions(grace, Timeout.InfiniteTimeSpan) { Interleave = true });
        }

        return Task.CompletedTask;
    }

    private void Watch(IConversationObserver observer)
    {
        _observers.Subscribe(observer, observer);
        _idleWatchers.Remove(observer);
    }

    private bool NobodyWatches() => _observers.Observers.Keys.All(_idleWatchers.Contains);

    private async Task CancelIfAbandonedAsync(CancellationToken cancellationToken)
    {
        _abandonCheck?.Dispose();
        _abandonCheck = null;
        if (_reply is not null && NobodyWatches())
        {
            await CancelReplyAsync("nobody reads the conversation any more (the visitor left)");
        }
    }

    public Task UnsubscribeAsync(IConversationObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private static string ValidateSend(SendMessage message)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(message.ClientMessageId) || message.ClientMessageId.Length > MaxClientMessageIdLength
            || message.ClientMessageId.Any(char.IsControl))
        {
            errors["clientMessageId"] = [$"Must be 1 to {MaxClientMessageIdLength} printable characters."];
        }

        var text = message.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors["text"] = ["Is required."];
        }
        else if (message.Text!.Length > MaxTextLength)
        {
            errors["text"] = [$"Must be at most {MaxTextLength} characters."];
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : text;
    }

    private ConversationMessage? FindInTail(string clientMessageId)
    {
        foreach (var m in _tail)
        {
            if (m.ClientMessageId == clientMessageId)
            {
                return m;
            }
        }

        return null;
    }

    private async Task<SendReceipt> DuplicateReceiptAsync(ConversationMessage question)
    {
        var replySeq = question.Seq + 1;
        if (_reply is { } reply && reply.Seq == replySeq)
        {
            return new SendReceipt
            {
                UserMessage = question, ReplySeq = replySeq, ReplyMessageId = reply.MessageId, Duplicate = true, Partial = reply.Snapshot(),
            };
        }

        var stored = _tail.Find(m => m.Seq == replySeq) ?? await store.GetMessageAsync(ConversationId, replySeq)
            ?? await StoreInterruptedReplyAsync(question);
        return new SendReceipt { UserMessage = question, ReplySeq = replySeq, ReplyMessageId = stored.Id, Duplicate = true, Reply = stored };
    }

    private async Task<IReadOnlyList<ConversationMessage>> ReadAfterAsync(long afterSeq, int count)
    {
        // Served from memory when the tail reaches back far enough; the table otherwise.
        if (_tail.Count > 0 && _tail[0].Seq <= afterSeq + 1)
        {
            return _tail.Where(m => m.Seq > afterSeq).Take(count).ToArray();
        }

        return _info!.LastSeq <= afterSeq ? [] : await store.ReadMessagesAsync(ConversationId, afterSeq, count);
    }

    private async Task GenerateReplyAsync(ReplyInProgress reply)
    {
        using var span = ChatTracing.Start("chat.reply");
        var status = MessageStatus.Complete;
        IReadOnlyList<Citation> citations = [];
        GenerationOutcome? outcome = null;
        TimeSpan? beforeModel = null;
        long lastTokenAt = 0;
        TimeSpan? firstToken = null;
        // Events wait here until the reply has to wait for something: a fast model's whole reply then reaches the
        // observers together with its question, in as few messages as possible.
        var pending = new List<ChatEvent> { ChatEvent.FromMessage(reply.Question) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(reply.Cancellation.Token);
        timeout.CancelAfter(replies.ReplyTimeout);
        try
        {
            var botTask = GetBotAsync();
            if (!botTask.IsCompleted)
            {
                Flush(pending);
            }

            var bot = await botTask ?? throw new NotFoundException("Chatbot", _info!.BotId);
            IReadOnlyList<KnowledgeHit> hits = [];
            if (_knowledgeEntries > 0)
            {
                Flush(pending);
                hits = await GrainFactory.GetGrain<IKnowledgeGrain>(bot.Id).RetrieveAsync(reply.Question.Text, RetrievalTopK, bot.Settings.Knowledge ?? new());
            }

            var request = new GenerationRequest { Bot = bot, Question = reply.Question.Text, Hits = hits };
            request = await WithMemoryAsync(request, reply, pending);
            request = request with { Credentials = await CredentialsAsync(bot, request, pending) };

            await using var events = replies.Generator.GenerateAsync(request, timeout.Token).GetAsyncEnumerator(timeout.Token);
            while (true)
            {
                var next = events.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    // The model is slower than delivery: hand over what is here before waiting.
                    Flush(pending);
                }

                if (!await next)
                {
                    break;
                }

                switch (events.Current)
                {
                    case GenerationStarting:
                        beforeModel ??= System.Diagnostics.Stopwatch.GetElapsedTime(reply.ReceivedAt);
                        break;
                    case GenerationToken { Text: var piece }:
                        pending.Add(new ChatEvent
                        {
                            Seq = reply.Seq, Type = ChatEventType.Token, MessageId = reply.MessageId, Role = MessageRole.Assistant,
                            Text = piece, Offset = reply.Text.Length,
                        });
                        if (reply.Text.Length == 0)
                        {
                            firstToken = System.Diagnostics.Stopwatch.GetElapsedTime(reply.ReceivedAt);
                            metrics.FirstToken(DateTimeOffset.UtcNow - reply.Question.CreatedAt);
                        }

                        reply.Text.Append(piece);
                        lastTokenAt = System.Diagnostics.Stopwatch.GetTimestamp();
                        if (pending.Count >= MaxTokensPerEvent)
                        {
                            Flush(pending);
                        }

                        break;
                    case GenerationFinished finished:
                        outcome = finished.Outcome;
                        break;
                }
            }

            if (outcome is null || outcome.Interrupted)
            {
                status = MessageStatus.Interrupted;
            }

            citations = CitationBuilder.Build(reply.Text.ToString(), hits, outcome?.NamedCitations);
        }
        catch (Exception exception)
        {
            status = MessageStatus.Interrupted;
            LogReplyFailed(exception, ConversationId, reply.Seq);
        }

        var latency = lastTokenAt != 0 ? System.Diagnostics.Stopwatch.GetElapsedTime(reply.ReceivedAt, lastTokenAt) : System.Diagnostics.Stopwatch.GetElapsedTime(reply.ReceivedAt);
        await FinishReplyAsync(reply, status, citations, outcome is null ? null : FoldedMemory(outcome, reply), pending);
        if (beforeModel is { } before && lastTokenAt != 0 && status == MessageStatus.Complete)
        {
            replies.Metrics.Overhead(before, System.Diagnostics.Stopwatch.GetElapsedTime(lastTokenAt));
        }

        Account(reply, outcome, status, latency, firstToken);
    }

    /// <summary>The history after the running summary (from the tail), and the summary, loaded once per activation.</summary>
    private async Task<GenerationRequest> WithMemoryAsync(GenerationRequest request, ReplyInProgress reply, List<ChatEvent> pending)
    {
        if (!_memoryLoaded && reply.Question.Seq > 1)
        {
            Flush(pending);
            _memory = await replies.Memory.LoadAsync(ConversationId);
            _memoryLoaded = true;
        }

        var summarized = _memory?.SummarizedSeq ?? 0;
        var history = _tail
            .Where(m => m.Seq > summarized && m.Seq < reply.Question.Seq && m.Text.Length > 0)
            .Select(m => new HistoryMessage(m.Seq, m.Role == MessageRole.User, m.Text))
            .ToArray();
        return request with { History = history, Summary = _memory?.Summary };
    }

    /// <summary>The workspace's provider keys, when the bot's chain uses a configured provider; cached like the bot.</summary>
    private async Task<IReadOnlyDictionary<string, ProviderCredential>> CredentialsAsync(ChatbotInfo bot, GenerationRequest request, List<ChatEvent> pending)
    {
        if (_credentials is null || DateTimeOffset.UtcNow - _credentialsFetchedAt > BotCacheTtl)
        {
            var chain = replies.Generator.Chain(request);
            if (chain.All(m => m is EmbeddedAnswerer.ModelId or InstantChatClient.ModelId))
            {
                return new Dictionary<string, ProviderCredential>();
            }

            Flush(pending);
            _credentials = await replies.Credentials.ResolveAsync(bot.WorkspaceId, chain);
            _credentialsFetchedAt = DateTimeOffset.UtcNow;
        }

        return _credentials;
    }

    /// <summary>Records the reply's usage (batched per silo).</summary>
    private void Account(ReplyInProgress reply, GenerationOutcome? outcome, MessageStatus status, TimeSpan latency, TimeSpan? firstToken)
    {
        if (outcome is null || _info is not { } info)
        {
            return;
        }

        replies.Metrics.Tokens(outcome);
        _ = replies.Usage.RecordAsync(new UsageRecord(
            ConversationId, reply.Seq, info.BotId, info.WorkspaceId, outcome.Model ?? "none", outcome.PromptTokens, outcome.CompletionTokens,
            (int)latency.TotalMilliseconds, (int?)firstToken?.TotalMilliseconds,
            status == MessageStatus.Complete ? outcome.End.ToString().ToLowerInvariant() : "interrupted", DateTimeOffset.UtcNow) { Hits = outcome.Hits });
    }

    /// <summary>The running summary with what left the prompt window folded in, stored with the reply; null when nothing left.</summary>
    private ConversationMemory? FoldedMemory(GenerationOutcome outcome, ReplyInProgress reply)
    {
        var summarized = _memory?.SummarizedSeq ?? 0;
        var dropped = outcome.Plan.Dropped.Where(m => m.Seq > summarized).ToArray();
        if (dropped.Length == 0)
        {
            return null;
        }

        var folded = WithOldestOfWindow(dropped, reply.Question.Seq);
        return new ConversationMemory(replies.Summarizer.Update(_memory?.Summary, folded), folded[^1].Seq);
    }

    /// <summary>
    /// The messages that left the prompt window and, with them, the oldest of those still in it (up to
    /// <see cref="ExtraFolded"/>, at most half the window): the summary then changes, and is stored, on one reply in
    /// a few rather than on every reply once a conversation outgrows its window.
    /// </summary>
    private HistoryMessage[] WithOldestOfWindow(HistoryMessage[] dropped, long questionSeq)
    {
        var window = _tail.Where(m => m.Seq > dropped[^1].Seq && m.Seq < questionSeq && m.Text.Length > 0).ToArray();
        var extra = Math.Min(ExtraFolded, window.Length / 2);
        return [.. dropped, .. window.Take(extra).Select(m => new HistoryMessage(m.Seq, m.Role == MessageRole.User, m.Text))];
    }

    /// <summary>Stores the reply (with the new running summary, if any), then hands the last pending events and the reply's end to the observers.</summary>
    private async Task FinishReplyAsync(ReplyInProgress reply, MessageStatus status, IReadOnlyList<Citation> citations, ConversationMemory? memory, List<ChatEvent> pending)
    {
        var now = StoredNow();
        var answer = new ConversationMessage
        {
            Id = reply.MessageId,
            Seq = reply.Seq,
            Role = MessageRole.Assistant,
            Text = reply.Text.ToString(),
            Citations = citations,
            CreatedAt = now,
            Status = status,
        };
        var updated = _info! with { LastSeq = answer.Seq, LastActivityAt = now, LastMessagePreview = Preview(answer.Text) };
        try
        {
            await store.WriteAsync(new ConversationWrite(updated, [answer], Memory: memory));
        }
        catch (Exception exception)
        {
            // Not stored: let the next activation find the unanswered question and record it as interrupted.
            LogReplyNotStored(exception, ConversationId, reply.Seq);
            _reply = null;
            pending.Add(ErrorEvent(reply, "The reply could not be saved. Please try again."));
            Flush(pending);
            DeactivateOnIdle();
            return;
        }

        _info = updated;
        _memory = memory ?? _memory;
        Remember(answer);
        _reply = null;
        metrics.ReplyFinished(status, now - reply.Question.CreatedAt);
        if (status != MessageStatus.Complete)
        {
            pending.Add(ErrorEvent(reply, "The reply was interrupted. Please try again."));
        }

        pending.Add(ChatEvent.FromMessage(answer));
        Flush(pending);
    }

    private async Task<ConversationMessage> StoreInterruptedReplyAsync(ConversationMessage question)
    {
        var now = StoredNow();
        var answer = new ConversationMessage
        {
            Id = Ids.New("msg"),
            Seq = question.Seq + 1,
            Role = MessageRole.Assistant,
            CreatedAt = now,
            Status = MessageStatus.Interrupted,
        };
        var updated = _info! with { LastSeq = answer.Seq, LastActivityAt = now };
        await store.WriteAsync(new ConversationWrite(updated, [answer]));
        _info = updated;
        Remember(answer);
        return answer;
    }

    private async Task<ChatbotInfo?> GetBotAsync()
    {
        if (_bot is null || DateTimeOffset.UtcNow - _botFetchedAt > BotCacheTtl)
        {
            _bot = await GrainFactory.GetGrain<IChatbotGrain>(_info!.BotId).GetAsync();
            _knowledgeEntries = await GrainFactory.GetGrain<IKnowledgeGrain>(_info.BotId).CountIndexedAsync();
            _botFetchedAt = DateTimeOffset.UtcNow;
        }

        return _bot;
    }

    private void Remember(ConversationMessage message)
    {
        _tail.Add(message);
        if (_tail.Count > TailSize)
        {
            _tail.RemoveRange(0, _tail.Count - TailSize);
        }
    }

    private void Flush(List<ChatEvent> pending)
    {
        if (pending.Count > 0)
        {
            Notify(pending.ToArray());
            pending.Clear();
        }
    }

    private void Notify(ChatEvent[] events)
    {
        if (_observers.Count > 0)
        {
            var id = ConversationId;
            _observers.Notify(o => o.OnEventsAsync(id, events));
        }
    }

    private static ChatEvent ErrorEvent(ReplyInProgress reply, string text) => new()
    {
        Seq = reply.Seq,
        Type = ChatEventType.Error,
        MessageId = reply.MessageId,
        Role = MessageRole.Assistant,
        Text = text,
        Status = MessageStatus.Interrupted,
    };

    /// <summary>
    /// The current time as the store keeps it (whole milliseconds), so a message or conversation reads the same from
    /// memory as from the table after the grain is reactivated.
    /// </summary>
    private static DateTimeOffset StoredNow() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static string Preview(string text) => text.Length <= 200 ? text : text[..199] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {Seq} of conversation {ConversationId} was interrupted")]
    private partial void LogReplyFailed(Exception exception, string conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} deactivated before reply {Seq} was stored")]
    private partial void LogDeactivatedMidReply(string conversationId, long seq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {Seq} of conversation {ConversationId} cancelled: {Reason}")]
    private partial void LogReplyCancelled(string conversationId, long seq, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reply {Seq} of conversation {ConversationId} could not be stored")]
    private partial void LogReplyNotStored(Exception exception, string conversationId, long seq);
}
