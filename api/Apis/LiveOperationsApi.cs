using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.Api.Realtime;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.Apis;

/// <summary>
/// Live operations on one conversation (docs/live-operations.md): take over, reply (or write a private note), hand back,
/// close, reopen, assign. Agents, editors, admins and owners may; viewers may not. Every change is made by the
/// conversation grain in its own turn, so the visitor and every agent see the same order of events on any node.
/// </summary>
public static class LiveOperationsApi
{
    public static IEndpointRouteBuilder MapLiveOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conversations/{conversationId}").WithTags("Live operations").RequireWorkspaceAccess(Permission.LiveChat);
        api.MapPost("/takeover", TakeOverAsync).WithName("TakeOverConversation")
            .WithSummary("Take a conversation over from the bot")
            .WithDescription("The reply in flight stops at once and is stored as interrupted with exactly the text streamed so far; then the mode "
                + "becomes human, held by the caller, and the visitor gets a mode event with the agent's name; then this answers. "
                + "Taking over a conversation the caller already holds returns it unchanged. 409 (naming the holder in `holder`) when another "
                + "agent holds it; 409 when it is closed.")
            .Produces<ConversationInfo>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/messages", SendAsync).WithName("SendAgentMessage")
            .WithSummary("Reply to the visitor as an agent, or write a private note")
            .WithDescription("Stores the message with its author (role `agent`) and sends it live to every open tab of the visitor and to every "
                + "agent watching. `private: true` makes a note only agents see; notes need no takeover. A message needs the caller to hold "
                + "the conversation: 409 otherwise (naming the holder when another agent holds it). A retry with the same clientMessageId "
                + "returns the first message.")
            .Produces<ConversationMessage>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/handback", HandBackAsync).WithName("HandBackConversation")
            .WithSummary("Give the conversation back to the bot")
            .WithDescription("The mode becomes bot (a new turn): the bot answers the visitor's next message. 409 when another agent holds it.")
            .Produces<ConversationInfo>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/close", CloseAsync).WithName("CloseConversation")
            .WithSummary("Close the conversation")
            .WithDescription("A reply in flight stops as for a takeover; the mode goes back to bot. A visitor who writes again reopens it.")
            .Produces<ConversationInfo>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/reopen", ReopenAsync).WithName("ReopenConversation")
            .WithSummary("Reopen a closed conversation")
            .WithDescription("The conversation is open again with the bot answering.")
            .Produces<ConversationInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/assignee", AssignAsync).WithName("AssignConversation")
            .WithSummary("Assign the conversation to a member (userId null unassigns)")
            .WithDescription("The member must belong to the conversation's workspace; 400 naming userId otherwise.")
            .Produces<ConversationInfo>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<ConversationInfo>> TakeOverAsync(HttpContext http, IGrainFactory grains, AgentIdentity agents, string conversationId) =>
        TypedResults.Ok(await Conversation(grains, conversationId).TakeOverAsync(await agents.OfAsync(http.User)));

    public static async Task<Created<ConversationMessage>> SendAsync(
        HttpContext http, IGrainFactory grains, AgentIdentity agents, string conversationId, AgentMessageRequest request)
    {
        var message = await Conversation(grains, conversationId).SendAgentMessageAsync(new AgentMessage
        {
            Author = await agents.OfAsync(http.User),
            Text = request?.Text ?? "",
            ClientMessageId = request?.ClientMessageId,
            Private = request?.Private ?? false,
        });
        return TypedResults.Created($"/api/v1/conversations/{conversationId}/messages?cursor={message.Seq - 1}", message);
    }

    public static async Task<Ok<ConversationInfo>> HandBackAsync(HttpContext http, IGrainFactory grains, AgentIdentity agents, string conversationId) =>
        TypedResults.Ok(await Conversation(grains, conversationId).HandBackAsync(await agents.OfAsync(http.User)));

    public static async Task<Ok<ConversationInfo>> CloseAsync(HttpContext http, IGrainFactory grains, AgentIdentity agents, string conversationId) =>
        TypedResults.Ok(await Conversation(grains, conversationId).CloseAsync(await agents.OfAsync(http.User)));

    public static async Task<Ok<ConversationInfo>> ReopenAsync(HttpContext http, IGrainFactory grains, AgentIdentity agents, string conversationId) =>
        TypedResults.Ok(await Conversation(grains, conversationId).ReopenAsync(await agents.OfAsync(http.User)));

    public static async Task<Ok<ConversationInfo>> AssignAsync(HttpContext http, IGrainFactory grains, string conversationId, AssigneeRequest request)
    {
        var access = http.GetWorkspaceAccess();
        if (request?.UserId is { } userId
            && (!GrainInterfaces.Ids.IsWellFormed(userId) || await grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId).GetRoleAsync(userId) is null))
        {
            throw new ValidationFailedException("userId", "Must be a member of the conversation's workspace.");
        }

        return TypedResults.Ok(await Conversation(grains, conversationId).AssignAsync(request?.UserId));
    }

    /// <summary><c>GET /api/v1/workspaces/{workspaceId}/conversations</c>: the inbox, with its filters and full-text search.</summary>
    public static async Task<Ok<Page<ConversationInfo>>> ListWorkspaceAsync(
        IGrainFactory grains, string workspaceId, string? mode, string? status, string? botId, string? assigneeId, string? q, string? rating,
        string? unanswered, int? limit, string? cursor)
    {
        var query = new InboxQuery
        {
            Mode = Parse<ConversationMode>(mode, "mode", "bot, waiting or human"),
            Status = Parse<ConversationStatus>(status, "status", "open or closed"),
            BotId = string.IsNullOrEmpty(botId) ? null : botId,
            AssigneeId = string.IsNullOrEmpty(assigneeId) ? null : assigneeId,
            Text = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Rating = Parse<MessageRating>(rating, "rating", "up or down"),
            Unanswered = unanswered switch
            {
                null or "" => null,
                "true" => true,
                "false" => false,
                _ => throw new ValidationFailedException("unanswered", "Must be true or false."),
            },
        };
        var page = await grains.GetGrain<IWorkspaceConversationsGrain>(Paging.Id(workspaceId, "Workspace")).ListAsync(query, cursor, Paging.Limit(limit));
        return TypedResults.Ok(new Page<ConversationInfo>(page.Items, page.NextCursor));
    }

    private static T? Parse<T>(string? value, string field, string allowed) where T : struct, Enum =>
        string.IsNullOrEmpty(value) ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw new ValidationFailedException(field, $"Must be {allowed}.");

    private static IConversationGrain Conversation(IGrainFactory grains, string conversationId) =>
        grains.GetGrain<IConversationGrain>(Paging.Id(conversationId, "Conversation"));
}
