using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

public static class SourcesApi
{
    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/chatbots/{botId}").WithTags("Knowledge");
        api.MapGet("/sources", ListAsync).WithName("ListSources").WithSummary("Training sources of a chatbot, newest first")
            .RequireWorkspaceAccess(Permission.Read);
        api.MapPost("/sources", AddAsync).WithName("AddSource").WithSummary("Add a training source (a Q&A pair: type 'qa')")
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapGet("/sources/{sourceId}", GetAsync).WithName("GetSource").WithSummary("Get a training source and its status")
            .RequireWorkspaceAccess(Permission.Read);
        api.MapDelete("/sources/{sourceId}", DeleteAsync).WithName("DeleteSource").WithSummary("Delete a source; the bot stops using it at once")
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapPost("/sources/{sourceId}/sync", SyncAsync).WithName("SyncSource").WithSummary("Re-index a source")
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapPost("/search", SearchAsync).WithName("SearchKnowledge").WithSummary("Ranked matches from the bot's knowledge")
            .RequireWorkspaceAccess(Permission.Read);
        return app;
    }

    public static async Task<Ok<Page<KnowledgeSource>>> ListAsync(IGrainFactory grains, string botId, int? limit, string? cursor)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var page = await knowledge.ListSourcesAsync(cursor, Paging.Limit(limit));
        return TypedResults.Ok(new Page<KnowledgeSource>(page.Items, page.NextCursor));
    }

    public static async Task<Created<KnowledgeSource>> AddAsync(IGrainFactory grains, string botId, NewSource source)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var added = await knowledge.AddSourceAsync(source);
        return TypedResults.Created($"/api/v1/chatbots/{botId}/sources/{added.Id}", added);
    }

    public static async Task<Results<Ok<KnowledgeSource>, NotFound>> GetAsync(IGrainFactory grains, string botId, string sourceId)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var source = await knowledge.GetSourceAsync(Paging.Id(sourceId, "Source"));
        return source is null ? TypedResults.NotFound() : TypedResults.Ok(source);
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(IGrainFactory grains, string botId, string sourceId)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        return await knowledge.DeleteSourceAsync(Paging.Id(sourceId, "Source")) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    public static async Task<Ok<KnowledgeSource>> SyncAsync(IGrainFactory grains, string botId, string sourceId)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        return TypedResults.Ok(await knowledge.SyncSourceAsync(Paging.Id(sourceId, "Source")));
    }

    public static async Task<Ok<IReadOnlyList<KnowledgeHit>>> SearchAsync(IGrainFactory grains, string botId, SearchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > 4000)
        {
            errors["query"] = ["Is required, at most 4000 characters."];
        }

        if (request.TopK is < 1 or > 50)
        {
            errors["topK"] = ["Must be between 1 and 50."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var knowledge = await KnowledgeOfAsync(grains, botId);
        return TypedResults.Ok(await knowledge.SearchAsync(request.Query!, request.TopK ?? 5));
    }

    private static async Task<IKnowledgeGrain> KnowledgeOfAsync(IGrainFactory grains, string botId)
    {
        var id = Paging.Id(botId, "Chatbot");
        _ = await grains.GetGrain<IChatbotGrain>(id).GetAsync() ?? throw new NotFoundException("Chatbot", id);
        return grains.GetGrain<IKnowledgeGrain>(id);
    }
}
