using ChatSphere.Api.Realtime;
using ChatSphere.Api.Visitors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.RateLimiting;

/// <summary>
/// Rate limits on the widget hub. When a connection opens a conversation, the filter notes whose it is (the bot and the
/// visitor named by the token the hub issued); each <c>Send</c> then takes one permit from that visitor's and that bot's
/// buckets. A refusal fails only that call, with a <see cref="HubException"/> saying when to try again; the connection stays.
/// </summary>
public sealed class ChatRateLimitHubFilter(RateLimitChecks limiter, VisitorTokens visitors) : IHubFilter
{
    private const string VisitorsKey = "chatsphere.rate-limit.visitors";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        switch (invocation.HubMethodName)
        {
            case nameof(ChatHub.Send) when invocation.HubMethodArguments is [string conversationId, ..]
                                           && VisitorOf(invocation.Context, conversationId) is var (botId, visitorId):
                try
                {
                    await limiter.CheckMessageAsync(botId, "visitor:" + visitorId);
                }
                catch (RateLimitExceededException limited)
                {
                    throw new HubException(limited.Message);
                }

                return await next(invocation);

            case nameof(ChatHub.StartConversation) or nameof(ChatHub.NewConversation):
                var result = await next(invocation);
                if (result is StartConversationResult started && invocation.HubMethodArguments is [string bot, ..]
                    && visitors.Read(bot, started.VisitorToken) is { } claim)
                {
                    Remember(invocation.Context, started.ConversationId, bot, claim.VisitorId);
                }

                return result;

            default:
                return await next(invocation);
        }
    }

    private static void Remember(HubCallerContext context, string conversationId, string botId, string visitorId)
    {
        var known = (Dictionary<string, (string, string)>)(context.Items.TryGetValue(VisitorsKey, out var map)
            ? map!
            : context.Items[VisitorsKey] = new Dictionary<string, (string, string)>(StringComparer.Ordinal));
        lock (known)
        {
            known[conversationId] = (botId, visitorId);
        }
    }

    private static (string BotId, string VisitorId)? VisitorOf(HubCallerContext context, string conversationId)
    {
        if (context.Items.TryGetValue(VisitorsKey, out var map) && map is Dictionary<string, (string, string)> known)
        {
            lock (known)
            {
                return known.TryGetValue(conversationId, out var visitor) ? visitor : null;
            }
        }

        return null;
    }
}
