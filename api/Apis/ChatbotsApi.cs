using System.Security.Claims;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary><c>/api/v1/chatbots</c>: create, read, change and delete chatbots.</summary>
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
        HttpContext http, IGrainFactory grains, WorkspaceAuthorizer authorizer, AuditTrail audit, ClaimsPrincipal principal, CreateChatbotRequest request)
    {
        var workspaceId = request.WorkspaceId ?? await authorizer.DefaultWorkspaceAsync(principal);
        var access = await authorizer.ForWorkspaceAsync(principal, workspaceId, Permission.EditBots);
        var bot = await grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(access.WorkspaceId, request.ToSettings());
        await audit.RecordAsync(http, bot.WorkspaceId, "chatbot.created", "chatbot", bot.Id, AuditChanges.Between(null, bot.Settings));
        return TypedResults.Created($"/api/v1/chatbots/{bot.Id}", ChatbotResponse.From(bot));
    }

    public static async Task<Results<Ok<ChatbotResponse>, NotFound>> GetAsync(IGrainFactory grains, string botId)
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).GetAsync();
        return bot is null ? TypedResults.NotFound() : TypedResults.Ok(ChatbotResponse.From(bot));
    }

    public static async Task<Ok<ChatbotResponse>> UpdateAsync(HttpContext http, IGrainFactory grains, AuditTrail audit, string botId, UpdateChatbotRequest request)
    {
        var grain = grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot"));
        var before = await grain.GetAsync();
        var bot = await grain.UpdateAsync(request.ToPatch());
        await audit.RecordAsync(http, bot.WorkspaceId, "chatbot.updated", "chatbot", bot.Id, AuditChanges.Between(before?.Settings, bot.Settings));
        return TypedResults.Ok(ChatbotResponse.From(bot));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(HttpContext http, IGrainFactory grains, AuditTrail audit, string botId)
    {
        var grain = grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot"));
        var before = await grain.GetAsync();
        if (before is null || !await grain.DeleteAsync())
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(http, before.WorkspaceId, "chatbot.deleted", "chatbot", before.Id, AuditChanges.Of("name", before.Settings.Name, null));
        return TypedResults.NoContent();
    }
}
