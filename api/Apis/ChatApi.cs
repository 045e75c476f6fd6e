using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.Api.RateLimiting;
using ChatSphere.Api.Realtime;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Apis;

public static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/chat/{botId}/messages", SendAsync).WithTags("Chat")
            .WithName("SendChatMessage")
            .WithSummary("Send a message to a chatbot; the reply as JSON, or streamed as Server-Sent Events")
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
        HttpContext http, IGrainFactory grains, ConversationStreams streams, IOptions<JsonOptions> json, RateLimitChecks limiter, string botId,
        ChatMessageRequest request)
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).GetAsync() ?? throw new NotFoundException("Chatbot", botId);
        Widget.WidgetOrigins.EnsureAllowed(http, bot);
        await limiter.CheckMessageAsync(bot.Id, http);
        var conversationId = await ConversationForAsync(grains, bot, request.ConversationId);
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
                    await WriteEventAsync(http, "done", ChatReplyResponse.From(conversationId, e, questionId), options);
                    return;
                case ChatEventType.Error when sse:
                    await WriteEventAsync(http, "error", new { conversationId, messageId = e.MessageId, text = e.Text }, options);
                    return;
                case ChatEventType.Done:
                    await Results.Json(ChatReplyResponse.From(conversationId, e, questionId), options).ExecuteAsync(http);
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

    private static async Task<string> ConversationForAsync(IGrainFactory grains, ChatbotInfo bot, string? conversationId)
    {
        if (conversationId is null)
        {
            var started = await grains.GetGrain<IConversationGrain>(Ids.New("conv"))
                .StartAsync(new ConversationStart { BotId = bot.Id, VisitorId = Ids.New("vis") });
            return started.Id;
        }

        var conversation = Ids.IsWellFormed(conversationId) ? await grains.GetGrain<IConversationGrain>(conversationId).GetAsync() : null;
        return conversation is not null && conversation.BotId == bot.Id
            ? conversation.Id
            : throw new NotFoundException("Conversation", conversationId.Length > 64 ? conversationId[..64] : conversationId);
    }

    private static async Task WriteEventAsync<T>(HttpContext http, string name, T data, JsonSerializerOptions options)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, options)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
