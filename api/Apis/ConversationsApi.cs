using System.Globalization;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/chatbots/{botId}/conversations", ListAsync).WithTags("Conversations")
            .WithName("ListConversations").WithSummary("Conversations of a chatbot, newest activity first")
            .RequireWorkspaceAccess(Permission.Read);
        var api = app.MapGroup("/api/v1/conversations").WithTags("Conversations").RequireWorkspaceAccess(Permission.Read);
        api.MapGet("/{conversationId}", GetAsync).WithName("GetConversation").WithSummary("Get a conversation");
        api.MapGet("/{conversationId}/messages", MessagesAsync).WithName("ListMessages").WithSummary("Messages of a conversation, oldest first");
        app.MapGet("/api/v1/workspaces/{workspaceId}/conversations", LiveOperationsApi.ListWorkspaceAsync).WithTags("Conversations")
            .WithName("ListWorkspaceConversations").WithSummary("The workspace's conversations (the inbox), newest activity first, with filters")
            .WithDescription("Filters: mode (bot, waiting, human), status (open, closed), botId, assigneeId (a member id, or 'none' for "
                + "unassigned), rating (up, down: at least one reply so rated), unanswered (true: at least one fallback reply; false: none) "
                + "and q, a full-text search of the messages (PostgreSQL full-text search with web-search syntax; SQLite FTS5 in the embedded "
                + "shape). Paged with limit and cursor.")
            .Produces<Page<ConversationInfo>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAccess(Permission.Read);
        app.MapLiveOperationsApi();
        app.MapCannedResponsesApi();
        app.MapVisitorEmailApi();
        return app;
    }

    public static async Task<Ok<Page<ConversationInfo>>> ListAsync(IGrainFactory grains, string botId, int? limit, string? cursor)
    {
        var id = Paging.Id(botId, "Chatbot");
        _ = await grains.GetGrain<IChatbotGrain>(id).GetAsync() ?? throw new NotFoundException("Chatbot", id);
        var page = await grains.GetGrain<IConversationIndexGrain>(id).ListAsync(cursor, Paging.Limit(limit));
        return TypedResults.Ok(new Page<ConversationInfo>(page.Items, page.NextCursor));
    }

    public static async Task<Results<Ok<ConversationInfo>, NotFound>> GetAsync(IGrainFactory grains, string conversationId)
    {
        var conversation = await grains.GetGrain<IConversationGrain>(Paging.Id(conversationId, "Conversation")).GetAsync();
        return conversation is null ? TypedResults.NotFound() : TypedResults.Ok(conversation);
    }

    public static async Task<Ok<Page<ConversationMessage>>> MessagesAsync(IGrainFactory grains, string conversationId, int? limit, string? cursor)
    {
        long after = 0;
        if (!string.IsNullOrEmpty(cursor) && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 0))
        {
            throw new ValidationFailedException("cursor", "The cursor is not one this API returned.");
        }

        var page = await grains.GetGrain<IConversationGrain>(Paging.Id(conversationId, "Conversation")).GetMessagesAsync(after, Paging.Limit(limit));
        return TypedResults.Ok(new Page<ConversationMessage>(page.Items, page.NextCursor));
    }
}
