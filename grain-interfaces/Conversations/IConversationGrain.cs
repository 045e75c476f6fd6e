namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>
/// One live conversation, keyed by its id: owns its numbered message log and the reply being generated.
/// Events of a reply reach every subscribed <see cref="IConversationObserver"/>.
/// </summary>
[Alias("ChatSphere.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Creates the conversation, or returns it unchanged if it exists for the same bot and visitor.</summary>
    [Alias("Start")]
    Task<ConversationInfo> StartAsync(ConversationStart start);

    /// <summary>The conversation, or null if it was never started.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<ConversationInfo?> GetAsync();

    /// <summary>Stores the user message, starts the reply and returns once the message is durable.
    /// Idempotent on <see cref="SendMessage.ClientMessageId"/>. A non-null <paramref name="observer"/> is
    /// subscribed (or renewed) first, so the caller's node receives every event of the reply.</summary>
    [Alias("Send")]
    Task<SendReceipt> SendAsync(SendMessage message, IConversationObserver? observer);

    /// <summary>Stored messages after <paramref name="afterSeq"/> (at most <paramref name="limit"/>) and the reply in
    /// progress. A non-null <paramref name="observer"/> is subscribed (or renewed) first.</summary>
    [Alias("Resume"), AlwaysInterleave]
    Task<ResumeBatch> ResumeAsync(long afterSeq, int limit, IConversationObserver? observer);

    /// <summary>A page of the stored log, oldest first: messages after <paramref name="afterSeq"/>.</summary>
    [Alias("GetMessages"), AlwaysInterleave]
    Task<MessagePage> GetMessagesAsync(long afterSeq, int limit);

    /// <summary>Subscribes (or renews) an observer; subscriptions lapse unless renewed within a few minutes.</summary>
    /// <summary>
    /// Stops the reply being generated, if any (the visitor left, or a human took over): it is stored as interrupted
    /// with the text so far. False when no reply was in progress.
    /// </summary>
    [Alias("CancelReply"), AlwaysInterleave]
    Task<bool> CancelReplyAsync(string reason);

    [Alias("Subscribe"), AlwaysInterleave]
    Task SubscribeAsync(IConversationObserver observer);

    [Alias("Unsubscribe"), AlwaysInterleave]
    Task UnsubscribeAsync(IConversationObserver observer);

    /// <summary>
    /// An API node says nobody there reads this conversation any more (the visitor left). The observer stays
    /// subscribed; when no node has a reader left for a grace period, the reply in progress is cancelled and stored
    /// as interrupted. Any Send, Resume or subscription from the node counts as a reader again.
    /// </summary>
    [Alias("ReleaseWatch"), AlwaysInterleave]
    Task ReleaseWatchAsync(IConversationObserver observer);

    /// <summary>Rates a reply (null clears the rating). Throws <see cref="Errors.NotFoundException"/> for an
    /// unknown message and <see cref="Errors.ValidationFailedException"/> for a message that is not a reply.</summary>
    [Alias("Rate")]
    Task<ConversationMessage> RateAsync(string messageId, MessageRating? rating);

    /// <summary>Attaches a user whose identity the caller verified.</summary>
    [Alias("Identify")]
    Task<VisitorProfile> IdentifyAsync(VerifiedUser user);

    /// <summary>Stores the answers of the bot's lead form (validated against the bot's form).</summary>
    [Alias("SubmitLead")]
    Task<VisitorProfile> SubmitLeadAsync(IReadOnlyDictionary<string, string> fields);

    /// <summary>The visitor's profile, or null when nothing is known.</summary>
    [Alias("GetVisitor"), AlwaysInterleave]
    Task<VisitorProfile?> GetVisitorAsync();

    /// <summary>
    /// Erasure and retention: stops the reply in flight, deletes the conversation's rows (messages, ratings, visitor
    /// profile, memory) in the grain's own turn so no write of this activation follows, forgets everything it held
    /// and deactivates. The next call finds no conversation.
    /// </summary>
    [Alias("Forget")]
    Task ForgetAsync();
}

/// <summary>Receives a conversation's events; one per API node, which fans them out to its connections.</summary>
[Alias("ChatSphere.IConversationObserver")]
public interface IConversationObserver : IGrainObserver
{
    /// <summary>A batch of consecutive events (tokens are coalesced when the model is faster than delivery). The
    /// batch is never changed once sent, so a node in the grain's own process receives it without a copy.</summary>
    [Alias("OnEvents"), OneWay]
    Task OnEventsAsync(string conversationId, [Immutable] IReadOnlyList<ChatEvent> events);
}
