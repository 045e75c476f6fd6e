using ChatSphere.Api.Realtime;
using ChatSphere.Api.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.RateLimiting;

/// <summary>
/// Rate limits on the widget hub. When a connection opens a conversation, the filter notes whose it is (the bot and the
/// visitor named by the token the hub issued); each <c>Send</c> then takes one permit from that visitor's, the client
/// address's and that bot's buckets (see <see cref="RateLimitChecks.CheckMessageAsync(string, string, System.Net.IPAddress?)"/>).
/// Starting a new conversation is limited by the hub itself (<see cref="RateLimitChecks.CheckConversationStartAsync"/>). A refusal fails only that call, with a <see cref="HubException"/> saying when to try again; the connection stays.
/// </summary>
public sealed class ChatRateLimitHubFilter(RateLimitChecks limiter, VisitorTokens visitors) : IHubFilter
{
    /// <summary>Conversations remembered per connection; past it, a connection's sends count for the visitor it opened last.</summary>
    public const int MaxRememberedConversations = 10_000;

    private const string VisitorsKey = "chatsphere.rate-limit.visitors";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        switch (invocation.HubMethodName)
        {
            case nameof(ChatHub.Send) when invocation.HubMethodArguments is [string conversationId, ..]
                                           && VisitorsOf(invocation.Context, create: false)?.Find(conversationId) is { } visitor:
                try
                {
                    await limiter.CheckMessageAsync(visitor.BotId, visitor.Key, invocation.Context.GetHttpContext()?.Connection.RemoteIpAddress);
                }
                catch (RateLimitExceededException limited)
                {
                    throw new HubException(limited.Message);
                }

                return await next(invocation);

            case nameof(ChatHub.StartConversation) or nameof(ChatHub.NewConversation):
                var result = await next(invocation);
                if (result is StartConversationResult started && invocation.HubMethodArguments is [string botId, ..]
                    && visitors.Read(botId, started.VisitorToken) is { } claim)
                {
                    VisitorsOf(invocation.Context, create: true)!.Remember(started.ConversationId, botId, claim.VisitorId);
                }

                return result;

            default:
                return await next(invocation);
        }
    }

    private static ConnectionVisitors? VisitorsOf(HubCallerContext context, bool create)
    {
        if (context.Items.TryGetValue(VisitorsKey, out var known) && known is ConnectionVisitors found)
        {
            return found;
        }

        if (!create)
        {
            return null;
        }

        var added = new ConnectionVisitors();
        context.Items[VisitorsKey] = added;
        return added;
    }

    /// <summary>Whose each conversation of one connection is; visitors are shared between their conversations.</summary>
    private sealed class ConnectionVisitors
    {
        private readonly Dictionary<string, Visitor> _byConversation = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();
        private Visitor? _last;

        public void Remember(string conversationId, string botId, string visitorId)
        {
            lock (_lock)
            {
                var visitor = _last is { } last && last.BotId == botId && last.VisitorId == visitorId ? last : new Visitor(botId, visitorId);
                if (_byConversation.Count < MaxRememberedConversations || _byConversation.ContainsKey(conversationId))
                {
                    _byConversation[conversationId] = visitor;
                }

                _last = visitor;
            }
        }

        public Visitor? Find(string conversationId)
        {
            lock (_lock)
            {
                return _byConversation.TryGetValue(conversationId, out var visitor) ? visitor : _last;
            }
        }
    }

    private sealed record Visitor(string BotId, string VisitorId)
    {
        public string Key { get; } = "visitor:" + VisitorId;
    }
}
