using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Providers;
using ChatSphere.Grains.Ai.Usage;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// The reply run: retrieval, memory and credentials, the model's tokens batched to the observers, and the stored
/// reply. A reply belongs to the turn it began in; once superseded (a takeover stored it) nothing it does goes out.
/// </summary>
public sealed partial class ConversationGrain
{
    private const int MaxTokensPerEvent = 64;
    private const int RetrievalTopK = 5;
    private const int ExtraFolded = 8;
    /// <summary>How long a conversation uses its bot's settings and knowledge size before asking again.</summary>
    private static readonly TimeSpan BotCacheTtl = TimeSpan.FromSeconds(10);

    private ReplyRun? _reply;
    private Task _replyTask = Task.CompletedTask;
    private ChatbotInfo? _bot;
    private int _knowledgeEntries;
    private DateTimeOffset _botFetchedAt;
    private IReadOnlyDictionary<string, ProviderCredential>? _credentials;
    private DateTimeOffset _credentialsFetchedAt;
    private ConversationMemory? _memory;
    private bool _memoryLoaded;

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

    private async Task GenerateReplyAsync(ReplyRun reply)
    {
        var status = MessageStatus.Complete;
        IReadOnlyList<Citation> citations = [];
        IReadOnlyList<KnowledgeHit> hits = [];
        GenerationOutcome? outcome = null;
        if (!reply.QuestionSent)
        {
            reply.Pending.Add(ChatEvent.FromMessage(reply.Question, reply.Turn));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(reply.Cancellation.Token);
        timeout.CancelAfter(replies.ReplyTimeout);
        try
        {
            var botTask = GetBotAsync();
            if (!botTask.IsCompleted)
            {
                Flush(reply);
            }

            var bot = await botTask ?? throw new NotFoundException("Chatbot", _info!.BotId);
            if (_knowledgeEntries > 0)
            {
                Flush(reply);
                hits = await GrainFactory.GetGrain<IKnowledgeGrain>(bot.Id).RetrieveAsync(reply.Question.Text, RetrievalTopK, bot.Settings.Knowledge ?? new());
            }

            var request = new GenerationRequest { Bot = bot, Question = reply.Question.Text, Hits = hits };
            request = await WithMemoryAsync(request, reply);
            request = request with { Credentials = await CredentialsAsync(bot, request, reply) };

            await using var events = replies.Generator.GenerateAsync(request, timeout.Token).GetAsyncEnumerator(timeout.Token);
            while (!reply.Superseded)
            {
                var next = events.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    // The model is slower than delivery: hand over what is here before waiting.
                    Flush(reply);
                }

                if (!await next || reply.Superseded)
                {
                    break;
                }

                switch (events.Current)
                {
                    case GenerationStarting:
                        reply.ModelStarting();
                        break;
                    case GenerationToken { Text: var piece }:
                        if (reply.Append(piece))
                        {
                            metrics.FirstToken(clock.GetUtcNow() - reply.Question.CreatedAt);
                        }

                        if (reply.Pending.Count >= MaxTokensPerEvent)
                        {
                            Flush(reply);
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
        catch (Exception exception) when (!reply.Superseded)
        {
            status = MessageStatus.Interrupted;
            LogReplyFailed(exception, ConversationId, reply.Seq);
        }
        catch (Exception)
        {
            // Cancelled by a takeover or close, which stored the reply already.
            status = MessageStatus.Interrupted;
        }

        if (reply.Superseded)
        {
            // Stored by the takeover with exactly what was streamed; the model's usage is still counted.
            Account(reply, outcome, MessageStatus.Interrupted);
            return;
        }

        var fallback = outcome is not null && IsFallback(reply, hits);
        await FinishReplyAsync(reply, status, citations, outcome is null ? null : FoldedMemory(outcome, reply), fallback);
        if (reply.BeforeModel is { } before && reply.LastTokenAt != 0 && status == MessageStatus.Complete)
        {
            replies.Metrics.Overhead(before, System.Diagnostics.Stopwatch.GetElapsedTime(reply.LastTokenAt));
        }

        Account(reply, outcome, status);
        if (status == MessageStatus.Complete)
        {
            await AfterReplyAsync(fallback);
        }
    }

    /// <summary>Whether the reply was the bot's fallback (it had no answer): its text is the fallback message, or no hit was good enough.</summary>
    private bool IsFallback(ReplyRun reply, IReadOnlyList<KnowledgeHit> hits)
    {
        var fallback = _bot?.Settings.FallbackMessage?.Trim();
        var text = reply.Text.ToString().Trim();
        return !string.IsNullOrEmpty(fallback) && text.StartsWith(fallback, StringComparison.Ordinal)
            || _knowledgeEntries > 0 && hits.Count == 0;
    }

    /// <summary>Stores the reply (with the new running summary, if any), then hands the last pending events and the reply's end to the observers.</summary>
    private async Task FinishReplyAsync(ReplyRun reply, MessageStatus status, IReadOnlyList<Citation> citations, ConversationMemory? memory, bool fallback)
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
        var updated = _info! with
        {
            LastSeq = answer.Seq, LastActivityAt = now, LastMessagePreview = Preview(answer.Text),
            UnansweredReplies = _info.UnansweredReplies + (fallback ? 1 : 0),
        };
        reply.Storing = true;
        try
        {
            await store.WriteAsync(new ConversationWrite(updated, [answer], Memory: memory));
        }
        catch (Exception exception)
        {
            // Not stored: let the next activation find the unanswered question and record it as interrupted.
            LogReplyNotStored(exception, ConversationId, reply.Seq);
            _reply = null;
            reply.Pending.Add(reply.Error("The reply could not be saved. Please try again."));
            Flush(reply);
            DeactivateOnIdle();
            return;
        }

        if (reply.Superseded)
        {
            // A takeover came while the reply was being written: it stored the same seq with the text streamed so far.
            return;
        }

        // Keeps what changed while the reply was written (an assignment); the log moved on by one.
        _info = _info! with
        {
            LastSeq = answer.Seq, LastActivityAt = now, LastMessagePreview = updated.LastMessagePreview, UnansweredReplies = updated.UnansweredReplies,
        };
        _memory = memory ?? _memory;
        Remember(answer);
        _reply = null;
        metrics.ReplyFinished(status, now - reply.Question.CreatedAt);
        if (status != MessageStatus.Complete)
        {
            reply.Pending.Add(reply.Error("The reply was interrupted. Please try again."));
        }

        reply.Pending.Add(ChatEvent.FromMessage(answer, reply.Turn));
        Flush(reply);
        TellInbox(InboxChange.Message, _info, answer);
        ScheduleIdleClose();
    }

    /// <summary>Stores an empty interrupted reply for a question whose reply never finished (a previous activation died).</summary>
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
        if (_bot is null || clock.GetUtcNow() - _botFetchedAt > BotCacheTtl)
        {
            _bot = await GrainFactory.GetGrain<IChatbotGrain>(_info!.BotId).GetAsync();
            _knowledgeEntries = await GrainFactory.GetGrain<IKnowledgeGrain>(_info.BotId).CountIndexedAsync();
            _botFetchedAt = clock.GetUtcNow();
        }

        return _bot;
    }

    /// <summary>Hands the reply's waiting events to the observers, unless the reply no longer counts (a takeover stored it, or its turn is over).</summary>
    private void Flush(ReplyRun reply)
    {
        if (reply.Superseded || _info is null || reply.Turn != _info.Turn)
        {
            reply.Pending.Clear();
            return;
        }

        reply.Pending.Flush(Notify);
    }
}
