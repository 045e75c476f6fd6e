using System.Runtime.CompilerServices;
using ChatSphere.Api.Auth;
using ChatSphere.Api.RateLimiting;
using ChatSphere.Api.Visitors;
using ChatSphere.Api.Widget;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// The widget hub at /hubs/chat. A connection may use the conversations it opened with StartConversation; anonymous
/// visitors need no credential. A connection with a credential (<c>access_token</c>: a member's JWT or an API key with
/// the chat scope) may only start conversations with its workspace's bots, and may also Resume (watch) any
/// conversation it may read. Connections opened with an API key close when the key is revoked.
/// Errors are <see cref="HubException"/>s: the call fails, the connection stays.
/// </summary>
public sealed partial class ChatHub(
    IGrainFactory grains, ConversationStreams streams, VisitorTokens visitors, WorkspaceAuthorizer authorizer, ApiKeyConnections apiKeys,
    IdentitySecrets identities, RateLimitChecks limiter) : Hub
{
    private const string ConversationsKey = "chatsphere.conversations";
    private const string ApiKeyItem = "chatsphere.api-key";

    public override async Task OnConnectedAsync()
    {
        if (Caller.From(Context.User) is { ApiKeyId: { } keyId })
        {
            Context.Items[ApiKeyItem] = keyId;
            await apiKeys.TrackAsync(keyId, Context);
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(ApiKeyItem, out var keyId) && keyId is string key)
        {
            apiKeys.Untrack(key, Context.ConnectionId);
        }

        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Opens (or continues) the visitor's conversation with a bot.</summary>
    public Task<StartConversationResult> StartConversation(string botId, string? visitorToken) =>
        OpenAsync(botId, visitorToken, fresh: false);

    /// <summary>Starts a fresh conversation for the visitor (the widget's "new conversation").</summary>
    public Task<StartConversationResult> NewConversation(string botId, string? visitorToken) =>
        OpenAsync(botId, visitorToken, fresh: true);

    /// <summary>Sends a message; streams the stored question, the reply's tokens, then done (or error).
    /// A retry with the same clientMessageId never makes a second message or reply.</summary>
    public async Task<IAsyncEnumerable<ChatEvent>> Send(string conversationId, string clientMessageId, string text, CancellationToken cancellationToken)
    {
        // Not an iterator itself: a reply's every event would pass through one more state machine.
        EnsureOpened(conversationId);
        if (Caller.From(Context.User) is not null)
        {
            // Access as the workspace has it now: a member removed (or demoted) since the conversation was opened may not send.
            await AuthorizeAsync(() => authorizer.ForConversationAsync(Context.User!, conversationId, Permission.Chat));
        }

        var events = streams.SendAsync(conversationId, new SendMessage { ClientMessageId = clientMessageId, Text = text }, cancellationToken);
        return Translate(events, cancellationToken);
    }

    /// <summary>Streams the events after <paramref name="afterSeq"/> the client missed, then live ones.</summary>
    public async IAsyncEnumerable<ChatEvent> Resume(
        string conversationId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Opened(conversationId))
        {
            if (Caller.From(Context.User) is null)
            {
                throw NotOpened();
            }

            await AuthorizeAsync(() => authorizer.ForConversationAsync(Context.User!, conversationId, Permission.Read));
        }

        if (afterSeq < 0)
        {
            throw new HubException("afterSeq: must be 0 or more.");
        }

        await foreach (var e in Translate(streams.ResumeAsync(conversationId, afterSeq, cancellationToken), cancellationToken))
        {
            yield return e;
        }
    }

    private async Task<StartConversationResult> OpenAsync(string botId, string? visitorToken, bool fresh)
    {
        if (!Ids.IsWellFormed(botId))
        {
            throw new HubException("botId: must be 1 to 64 letters, digits, '_' or '-'.");
        }

        if (Caller.From(Context.User) is not null)
        {
            await AuthorizeAsync(() => authorizer.ForChatbotAsync(Context.User!, botId, Permission.Chat));
        }

        var bot = await grains.GetGrain<IChatbotGrain>(botId).GetAsync() ?? throw new HubException($"Chatbot '{botId}' was not found.");
        // Send and Resume act only on conversations opened here, so this check covers them too.
        try
        {
            WidgetOrigins.EnsureAllowed(Context.GetHttpContext(), bot);
        }
        catch (ForbiddenException forbidden)
        {
            throw new HubException(forbidden.Message);
        }

        var claim = visitors.Read(botId, visitorToken);
        var visitorId = claim?.VisitorId ?? Ids.New("vis");
        var conversation = fresh || claim is null ? null : await grains.GetGrain<IConversationGrain>(claim.ConversationId).GetAsync();
        if (conversation is null || conversation.BotId != botId || conversation.VisitorId != visitorId)
        {
            // New conversations cost nothing to ask for, so they are limited per client address and per bot.
            try
            {
                await limiter.CheckConversationStartAsync(botId, Context.GetHttpContext()?.Connection.RemoteIpAddress);
            }
            catch (RateLimitExceededException limited)
            {
                throw new HubException(limited.Message);
            }

            conversation = await grains.GetGrain<IConversationGrain>(Ids.New("conv"))
                .StartAsync(new ConversationStart { BotId = botId, VisitorId = visitorId, PageUrl = PageUrl() });
        }

        var conversationId = conversation.Id;
        // Always a fresh token: its lifetime slides with every visit.
        var token = visitors.Issue(botId, new VisitorClaim(visitorId, conversationId));

        var opened = (HashSet<string>)(Context.Items.TryGetValue(ConversationsKey, out var set) ? set! : Context.Items[ConversationsKey] = new HashSet<string>());
        lock (opened)
        {
            opened.Add(conversationId);
        }

        return new StartConversationResult(
            conversationId, token, bot.Settings.WelcomeMessage, conversation.LastSeq, bot.Settings.Name, bot.Settings.SuggestedQuestions);
    }

    /// <summary>Rates a reply: <c>up</c>, <c>down</c> or <c>none</c> (clears the rating).</summary>
    public Task Feedback(string conversationId, string messageId, string rating)
    {
        EnsureOpened(conversationId);
        MessageRating? parsed = rating switch
        {
            "up" => MessageRating.Up,
            "down" => MessageRating.Down,
            "none" => null,
            _ => throw new HubException("rating: must be 'up', 'down' or 'none'."),
        };
        return Known(() => grains.GetGrain<IConversationGrain>(conversationId).RateAsync(messageId ?? "", parsed));
    }

    /// <summary>The visitor's ratings of the recent replies (the newest 500 messages), by message id.</summary>
    public async Task<Dictionary<string, string>> Ratings(string conversationId)
    {
        EnsureOpened(conversationId);
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var info = await conversation.GetAsync() ?? throw new HubException("The conversation was not found.");
        var page = await conversation.GetMessagesAsync(Math.Max(0, info.LastSeq - 500), 500);
        return page.Items.Where(m => m.Feedback is not null)
            .ToDictionary(m => m.Id, m => m.Feedback == MessageRating.Up ? "up" : "down");
    }

    /// <summary>Attaches the host page's signed-in user: <paramref name="hash"/> is the hex HMAC-SHA256, with the bot's identity
    /// secret, of <paramref name="userId"/> (only the id is verified) or of <c>userId\nname\nemail</c> (all three are);
    /// see <see cref="IdentitySecrets"/>.</summary>
    public async Task Identify(string conversationId, string userId, string? name, string? email, string hash)
    {
        EnsureOpened(conversationId);
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var info = await conversation.GetAsync() ?? throw new HubException("The conversation was not found.");
        var bot = await grains.GetGrain<IChatbotGrain>(info.BotId).GetAsync() ?? throw new HubException("The chatbot was not found.");
        if (bot.Settings.IdentitySecret is not { } secret)
        {
            throw new HubException("hash: identity verification is not enabled for this chatbot.");
        }

        if (string.IsNullOrEmpty(userId) || new[] { userId, name, email }.Any(f => f?.Contains('\n', StringComparison.Ordinal) == true))
        {
            throw new HubException("id: required, and no field may contain a line break.");
        }

        // Name and email count as verified only when the signature covers them; signed for the id alone they are kept unverified.
        var details = identities.VerifyDetails(secret, userId, name, email, hash);
        if (!details && !identities.Verify(secret, userId, hash))
        {
            throw new HubException("hash: the signature does not match the user id (nor the id, name and email together).");
        }

        await Known(() => conversation.IdentifyAsync(new VerifiedUser { UserId = userId, Name = name, Email = email, DetailsVerified = details }));
    }

    /// <summary>Stores the answers of the bot's lead form with the conversation.</summary>
    public Task SubmitLead(string conversationId, Dictionary<string, string> fields)
    {
        EnsureOpened(conversationId);
        return Known(() => grains.GetGrain<IConversationGrain>(conversationId).SubmitLeadAsync(fields ?? []));
    }

    private static async Task Known<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (ChatSphereException known)
        {
            throw ToHubError(known);
        }
    }

    /// <summary>A grain's deliberate error as a hub error; validation failures name each field at fault.</summary>
    private static HubException ToHubError(ChatSphereException known) => known is ValidationFailedException invalid
        ? new HubException(string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
        : new HubException(known.Message);

    private void EnsureOpened(string conversationId)
    {
        if (!Opened(conversationId))
        {
            throw NotOpened();
        }
    }

    private bool Opened(string conversationId)
    {
        if (Context.Items.TryGetValue(ConversationsKey, out var set) && set is HashSet<string> opened)
        {
            lock (opened)
            {
                return opened.Contains(conversationId);
            }
        }

        return false;
    }

    private static HubException NotOpened() => new("This connection has not opened that conversation: call StartConversation first.");

    /// <summary>Runs an authorisation; its 404 and 403 become hub errors with the same message.</summary>
    private static async Task AuthorizeAsync(Func<Task<WorkspaceAccess>> authorize)
    {
        try
        {
            await authorize();
        }
        catch (ChatSphereException refused)
        {
            throw new HubException(refused.Message);
        }
    }

    private string? PageUrl()
    {
        // The widget's frame names the page it is on (its own requests' Referer is the frame).
        // Both are the visitor's to choose, and the dashboard shows them: only an absolute http(s) URL is kept.
        var http = Context.GetHttpContext();
        return PageAddresses.OrNull(http?.Request.Query["page"].ToString()) ?? PageAddresses.OrNull(http?.Request.Headers.Referer.ToString());
    }

    /// <summary>Turns the grains' deliberate errors into hub errors with the field at fault.</summary>
    private static async IAsyncEnumerable<ChatEvent> Translate(
        IAsyncEnumerable<ChatEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (ChatSphereException known)
            {
                throw ToHubError(known);
            }

            // Private notes and presence are for agents: a visitor never sees them.
            if (!enumerator.Current.AgentsOnly)
            {
                yield return enumerator.Current;
            }
        }
    }
}
