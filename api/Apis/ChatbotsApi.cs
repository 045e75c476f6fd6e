using System.Security.Claims;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

public static class ChatbotsApi
{
    public static IEndpointRouteBuilder MapChatbotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/chatbots").WithTags("Chatbots");
        api.MapGet("/", ListAsync).WithName("ListChatbots").WithSummary("Chatbots of a workspace (?workspaceId=, default the caller's only one), newest first")
            .RequireWorkspaceAccess(Permission.Read);
        api.MapPost("/", CreateAsync).WithName("CreateChatbot").WithSummary("Create a chatbot").RequireAuthorization();
        api.MapGet("/{botId}", GetAsync).WithName("GetChatbot").WithSummary("Get a chatbot").RequireWorkspaceAccess(Permission.Read);
        api.MapPatch("/{botId}", UpdateAsync).WithName("UpdateChatbot").WithSummary("Change some of a chatbot's settings").RequireWorkspaceAccess(Permission.EditBots);
        api.MapDelete("/{botId}", DeleteAsync).WithName("DeleteChatbot").WithSummary("Delete a chatbot and its knowledge").RequireWorkspaceAccess(Permission.EditBots);
        return app;
    }

    public static async Task<Ok<Page<ChatbotResponse>>> ListAsync(HttpContext http, IGrainFactory grains, int? limit, string? cursor)
    {
        var page = await grains.GetGrain<IWorkspaceGrain>(http.GetWorkspaceAccess().WorkspaceId).ListChatbotsAsync(cursor, Paging.Limit(limit));
        var bots = await Task.WhenAll(page.Ids.Select(id => grains.GetGrain<IChatbotGrain>(id).GetAsync()));
        return TypedResults.Ok(new Page<ChatbotResponse>(bots.OfType<ChatbotInfo>().Select(ChatbotResponse.From).ToArray(), page.NextCursor));
    }

    public static async Task<Created<ChatbotResponse>> CreateAsync(
        IGrainFactory grains, WorkspaceAuthorizer authorizer, ClaimsPrincipal principal, CreateChatbotRequest request)
    {
        var workspaceId = request.WorkspaceId ?? await authorizer.DefaultWorkspaceAsync(principal);
        var access = await authorizer.ForWorkspaceAsync(principal, workspaceId, Permission.EditBots);
        var bot = await grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(access.WorkspaceId, request.ToSettings());
        return TypedResults.Created($"/api/v1/chatbots/{bot.Id}", ChatbotResponse.From(bot));
    }

    public static async Task<Results<Ok<ChatbotResponse>, NotFound>> GetAsync(IGrainFactory grains, string botId)
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).GetAsync();
        return bot is null ? TypedResults.NotFound() : TypedResults.Ok(ChatbotResponse.From(bot));
    }

    public static async Task<Ok<ChatbotResponse>> UpdateAsync(IGrainFactory grains, string botId, UpdateChatbotRequest request)
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).UpdateAsync(request.ToPatch());
        return TypedResults.Ok(ChatbotResponse.From(bot));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(IGrainFactory grains, string botId) =>
        await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).DeleteAsync() ? TypedResults.NoContent() : TypedResults.NotFound();
}
