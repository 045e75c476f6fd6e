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

    /// <summary>
    /// Stops the reply being generated, if any (the visitor left, or a human took over): it is stored as interrupted
    /// with the text so far. False when no reply was in progress.
    /// </summary>
    [Alias("CancelReply"), AlwaysInterleave]
    Task<bool> CancelReplyAsync(string reason);

    /// <summary>Subscribes (or renews) an observer; subscriptions lapse unless renewed within a few minutes.</summary>
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

    // Live operations (docs/live-operations.md): only this grain changes the mode, in its own turn.

    /// <summary>
    /// An agent takes the conversation over: the reply in flight stops at once and is stored as interrupted with exactly
    /// the text streamed so far, then the mode becomes human (held by <paramref name="agent"/>, a new turn), then this
    /// returns. Taking over again by the holder returns the conversation unchanged. Throws
    /// <see cref="Errors.ConflictException"/> naming the holder when another agent holds it, and
    /// <see cref="Errors.ValidationFailedException"/> for a closed conversation.
    /// </summary>
    [Alias("TakeOver"), AlwaysInterleave]
    Task<ConversationInfo> TakeOverAsync(AgentRef agent);

    /// <summary>Gives the conversation back to the bot (mode bot, a new turn). Throws <see cref="Errors.ConflictException"/>
    /// naming the holder when another agent holds it.</summary>
    [Alias("HandBack")]
    Task<ConversationInfo> HandBackAsync(AgentRef agent);

    /// <summary>Stores an agent's message (or private note) and sends it to every reader; notes need no hold, messages
    /// need the caller to hold the conversation (<see cref="Errors.ConflictException"/> otherwise). Idempotent on
    /// <see cref="AgentMessage.ClientMessageId"/>.</summary>
    [Alias("SendAgentMessage")]
    Task<ConversationMessage> SendAgentMessageAsync(AgentMessage message);

    /// <summary>Closes the conversation (stops a reply in flight as a takeover does; the mode goes back to bot).</summary>
    [Alias("Close"), AlwaysInterleave]
    Task<ConversationInfo> CloseAsync(AgentRef? by);

    /// <summary>Reopens a closed conversation (mode bot).</summary>
    [Alias("Reopen")]
    Task<ConversationInfo> ReopenAsync(AgentRef? by);

    /// <summary>Assigns the conversation to a member (null unassigns). The caller checked the member belongs to the workspace.</summary>
    [Alias("Assign")]
    Task<ConversationInfo> AssignAsync(string? userId);

    /// <summary>
    /// The visitor asks for a person: when the bot allows it and an agent is available (business hours, someone online),
    /// the mode becomes waiting; otherwise the result (and a mode event with <c>available: false</c>) carries the bot's
    /// offline message and the mode stays as it was.
    /// </summary>
    [Alias("RequestHuman")]
    Task<HandoffResult> RequestHumanAsync();

    /// <summary>Someone is typing: <paramref name="agent"/> null for the visitor. Not stored; sent to every reader.</summary>
    [Alias("Typing"), AlwaysInterleave, OneWay]
    Task TypingAsync(AgentRef? agent);

    /// <summary>An agent starts (<paramref name="viewing"/> true, renewed by the watching node) or stops viewing the
    /// conversation; agents reading it get a presence event with everyone viewing it.</summary>
    [Alias("View"), AlwaysInterleave]
    Task ViewAsync(AgentRef agent, bool viewing);

    /// <summary>The email a visitor left when no agent was available (offline handoff): stored on the visitor's profile.</summary>
    [Alias("LeaveEmail")]
    Task<VisitorProfile> LeaveEmailAsync(string email);
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
