using System.Runtime.CompilerServices;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// The event streams readers see, shared by the SignalR hub and the REST/SSE endpoint: a send (the stored
/// question, the reply's tokens, then done or error) and a resume (what the reader missed, then live events).
/// When the live feed goes quiet while a reply is open, the grain is asked again, so a reply whose silo died
/// still ends (stored as interrupted by the grain's next activation).
/// </summary>
public sealed class ConversationStreams(IGrainFactory grains, ConversationFeed feed)
{
    private static readonly TimeSpan QuietCheck = TimeSpan.FromSeconds(10);
    private const int ResumePage = 200;
    private const int MaxFailedChecks = 6;

    public async IAsyncEnumerable<ChatEvent> SendAsync(
        string conversationId, SendMessage message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var listener = feed.Listen(conversationId);
        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        var receipt = await grain.SendAsync(message, feed.ReferenceFor(conversationId));
        var sequencer = new EventSequencer();
        var questionSeq = receipt.UserMessage.Seq;

        foreach (var e in sequencer.Accept(ChatEvent.FromMessage(receipt.UserMessage)))
        {
            yield return e;
        }

        if (receipt.NoReply)
        {
            // A person holds (or was asked for) the conversation: agents answer in their own time, on the resume stream.
            yield break;
        }

        if (receipt.Reply is { } stored)
        {
            foreach (var e in sequencer.Accept(ChatEvent.FromMessage(stored)))
            {
                yield return e;
            }

            yield break;
        }

        var first = receipt.Partial is { } partial ? [partial] : Array.Empty<ChatEvent>();
        await foreach (var e in FollowAsync(listener, grain, sequencer, questionSeq, receipt.ReplySeq, first, cancellationToken))
        {
            if (e.Seq != receipt.ReplySeq)
            {
                continue;
            }

            yield return e;
            if (e.Type is ChatEventType.Done or ChatEventType.Error)
            {
                yield break;
            }
        }
    }

    public async IAsyncEnumerable<ChatEvent> ResumeAsync(
        string conversationId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var listener = feed.Listen(conversationId);
        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        var sequencer = new EventSequencer();
        var cursor = afterSeq;
        ResumeBatch batch;
        do
        {
            batch = await grain.ResumeAsync(cursor, ResumePage, feed.ReferenceFor(conversationId));
            foreach (var message in batch.Messages)
            {
                foreach (var e in sequencer.Accept(ChatEvent.FromMessage(message)))
                {
                    yield return e;
                }

                cursor = message.Seq;
            }
        }
        while (batch.HasMore);

        var first = new List<ChatEvent>(2);
        if (batch.Conversation is { } now && (now.Mode != ConversationMode.Bot || now.Status == ConversationStatus.Closed))
        {
            // Who answers now, for a reader that joins while a person holds (or was asked for) the conversation.
            first.Add(ModeOf(now));
        }

        if (batch.Partial is { } partial)
        {
            first.Add(partial);
        }

        await foreach (var e in FollowAsync(listener, grain, sequencer, cursor, batch.Partial?.Seq, first, cancellationToken))
        {
            if (e.Seq > afterSeq || e.Type is ChatEventType.Mode or ChatEventType.Typing or ChatEventType.Presence)
            {
                yield return e;
            }
        }
    }

    /// <summary>A mode event describing the conversation as it is.</summary>
    public static ChatEvent ModeOf(ConversationInfo conversation) => new()
    {
        Seq = conversation.LastSeq,
        Type = ChatEventType.Mode,
        MessageId = "",
        Role = conversation.Mode == ConversationMode.Human ? MessageRole.Agent : MessageRole.Assistant,
        Mode = conversation.Mode,
        ConversationStatus = conversation.Status,
        AgentName = conversation.Mode == ConversationMode.Human ? conversation.HeldBy?.Name : null,
        AgentAvatarUrl = conversation.Mode == ConversationMode.Human ? conversation.HeldBy?.AvatarUrl : null,
        Turn = conversation.Turn,
    };

    /// <summary>Live events through the sequencer, asking the grain again whenever an open reply goes quiet.</summary>
    private async IAsyncEnumerable<ChatEvent> FollowAsync(
        ConversationListener listener, IConversationGrain grain, EventSequencer sequencer, long wholeUpTo, long? open,
        IEnumerable<ChatEvent> first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failedChecks = 0;
        // Whether a visitor's question opens a bot reply (not while a person holds or was asked for the conversation).
        var botAnswers = true;
        foreach (var e in first)
        {
            foreach (var accepted in Track(sequencer.Accept(e)))
            {
                yield return accepted;
            }
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            bool hasEvents;
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                quiet.CancelAfter(QuietCheck);
                try
                {
                    hasEvents = await listener.Events.WaitToReadAsync(quiet.Token);
                    if (!hasEvents)
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    hasEvents = false;
                }
            }

            if (!hasEvents)
            {
                if (open is null)
                {
                    continue;
                }

                ResumeBatch batch;
                try
                {
                    batch = await grain.ResumeAsync(Math.Min(wholeUpTo, open.Value - 1), ResumePage, feed.ReferenceFor(listener.ConversationId));
                    failedChecks = 0;
                }
                catch (Exception exception) when (exception is not ChatSphereException && ++failedChecks < MaxFailedChecks)
                {
                    // The grain's silo may be dying; the cluster moves it to a survivor within seconds.
                    continue;
                }

                var again = batch.Messages.Select(m => ChatEvent.FromMessage(m)).ToList();
                if (batch.Partial is { } partial)
                {
                    again.Add(partial);
                }

                foreach (var e in again)
                {
                    foreach (var accepted in Track(sequencer.Accept(e)))
                    {
                        yield return accepted;
                    }
                }

                continue;
            }

            while (listener.Events.TryRead(out var e))
            {
                foreach (var accepted in Track(sequencer.Accept(e)))
                {
                    yield return accepted;
                }
            }
        }

        IEnumerable<ChatEvent> Track(IEnumerable<ChatEvent> accepted)
        {
            foreach (var e in accepted)
            {
                switch (e.Type)
                {
                    case ChatEventType.Token:
                        open = e.Seq;
                        break;
                    case ChatEventType.Message or ChatEventType.Done:
                        wholeUpTo = Math.Max(wholeUpTo, e.Seq);
                        if (open == e.Seq)
                        {
                            open = null;
                        }

                        if (e.Role == MessageRole.User && botAnswers)
                        {
                            // A question opens its reply.
                            open = e.Seq + 1;
                        }

                        break;
                    case ChatEventType.Mode:
                        botAnswers = e.Mode == ConversationMode.Bot && e.ConversationStatus != ConversationStatus.Closed;
                        if (!botAnswers)
                        {
                            open = null;
                        }

                        break;
                }

                yield return e;
            }
        }
    }
}
