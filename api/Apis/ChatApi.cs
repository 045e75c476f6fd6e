using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.Api.RateLimiting;
using ChatSphere.Api.Realtime;
using ChatSphere.Api.Visitors;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.Json;
using FromHeaderAttribute = Microsoft.AspNetCore.Mvc.FromHeaderAttribute;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Apis;

/// <summary><c>/api/v1/chat/{botId}/messages</c>: asking a chatbot over plain HTTP.</summary>
public static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/chat/{botId}/messages", SendAsync).WithTags("Chat")
            .WithName("SendChatMessage")
            .WithSummary("Send a message to a chatbot; the reply as JSON, or streamed as Server-Sent Events")
            .WithDescription(
                "Without conversationId a new conversation starts (anonymous callers: the bot's allowed domains are checked against "
                + "Origin, and new conversations are rate limited per client address); the reply carries a visitorToken. Continuing a "
                + "conversation needs that visitorToken (body, or the X-Visitor-Token header; each reply renews it, and it expires after "
                + "ChatSphere:Visitors:TokenLifetime unused) or a bearer credential with the chat permission in the bot's workspace; "
                + "otherwise 403.")
            .Produces<ChatReplyResponse>()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .AllowVisitorsOrWorkspaceAccess(Permission.Chat)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    public static async Task SendAsync(
        HttpContext http, IGrainFactory grains, ConversationStreams streams, IOptions<JsonOptions> json, RateLimitChecks limiter, VisitorTokens visitors,
        string botId, ChatMessageRequest request, [FromHeader(Name = VisitorTokens.Header)] string? visitorTokenHeader)
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).GetAsync() ?? throw new NotFoundException("Chatbot", botId);
        Widget.WidgetOrigins.EnsureAllowed(http, bot);
        // A caller with a credential was authorised for this bot's workspace by the endpoint's filter.
        var caller = Caller.From(http.User);
        var claim = visitors.Read(bot.Id, request.VisitorToken ?? visitorTokenHeader);
        var address = http.Connection.RemoteIpAddress;
        var continued = request.ConversationId is { } wanted ? await ContinuedAsync(grains, bot, wanted, caller, claim) : null;
        var visitorId = continued?.VisitorId ?? claim?.VisitorId ?? Ids.New("vis");
        if (continued is null && caller is null)
        {
            await limiter.CheckConversationStartAsync(bot.Id, address);
        }

        if (caller?.ApiKeyId is { } keyId)
        {
            await limiter.CheckMessageAsync(bot.Id, "key:" + keyId, null);
        }
        else
        {
            await limiter.CheckMessageAsync(bot.Id, "visitor:" + visitorId, address);
        }

        var conversationId = continued?.Id ?? (await grains.GetGrain<IConversationGrain>(Ids.New("conv"))
            .StartAsync(new ConversationStart { BotId = bot.Id, VisitorId = visitorId })).Id;
        // The visitor's token for what comes next: for a conversation started here, and renewed for one continued with a token.
        var visitorToken = continued is null || claim is not null ? visitors.Issue(bot.Id, new VisitorClaim(visitorId, conversationId)) : null;
        var message = new SendMessage { ClientMessageId = request.ClientMessageId ?? Ids.New("cm"), Text = request.Text ?? "" };
        var sse = request.Stream ?? http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        var options = json.Value.SerializerOptions;

        await using var events = streams.SendAsync(conversationId, message, http.RequestAborted).GetAsyncEnumerator(http.RequestAborted);
        // The first event is the stored question: validation errors surface here, before any response is written.
        if (!await events.MoveNextAsync())
        {
            throw new InvalidOperationException("The conversation ended the stream before storing the message.");
        }

        var questionId = events.Current.MessageId;
        if (sse)
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
        }

        while (await events.MoveNextAsync())
        {
            var e = events.Current;
            switch (e.Type)
            {
                case ChatEventType.Token when sse:
                    await WriteEventAsync(http, "token", new { text = e.Text }, options);
                    break;
                case ChatEventType.Done when sse:
                    await WriteEventAsync(http, "done", ChatReplyResponse.From(conversationId, e, questionId, visitorToken), options);
                    return;
                case ChatEventType.Error when sse:
                    await WriteEventAsync(http, "error", new { conversationId, messageId = e.MessageId, text = e.Text }, options);
                    return;
                case ChatEventType.Done:
                    await Results.Json(ChatReplyResponse.From(conversationId, e, questionId, visitorToken), options).ExecuteAsync(http);
                    return;
                case ChatEventType.Error:
                    await Results.Problem(
                        title: "The reply was interrupted.", detail: e.Text, statusCode: StatusCodes.Status502BadGateway,
                        extensions: new Dictionary<string, object?> { ["conversationId"] = conversationId, ["messageId"] = e.MessageId })
                        .ExecuteAsync(http);
                    return;
            }
        }
    }

    /// <summary>The conversation a request continues: the caller must hold its visitor token, or have workspace access (a
    /// credential the filter checked against this bot). Without either the answer is 403, whether or not the id exists.</summary>
    private static async Task<ConversationInfo> ContinuedAsync(IGrainFactory grains, ChatbotInfo bot, string conversationId, Caller? caller, VisitorClaim? claim)
    {
        var shown = conversationId.Length > 64 ? conversationId[..64] : conversationId;
        if (caller is null && claim?.ConversationId != conversationId)
        {
            throw new ForbiddenException(
                $"visitorToken: continuing a conversation needs the visitor token it was started with ({VisitorTokens.Header} header or "
                + "visitorToken in the body; it may have expired), or a credential with access to the chatbot's workspace.");
        }

        var conversation = Ids.IsWellFormed(conversationId) ? await grains.GetGrain<IConversationGrain>(conversationId).GetAsync() : null;
        if (conversation is null || conversation.BotId != bot.Id)
        {
            throw new NotFoundException("Conversation", shown);
        }

        return caller is null && conversation.VisitorId != claim!.VisitorId
            ? throw new ForbiddenException("visitorToken: the token belongs to another visitor.")
            : conversation;
    }

    private static async Task WriteEventAsync<T>(HttpContext http, string name, T data, JsonSerializerOptions options)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, options)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
