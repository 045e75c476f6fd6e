using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.Api.Realtime;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>
/// A workspace's canned responses for agents, with variables (<c>{{visitor.name}}</c>, <c>{{visitor.email}}</c>,
/// <c>{{agent.name}}</c>, <c>{{bot.name}}</c>) the server fills in for one conversation (<c>.../render</c>).
/// Everyone who may read the workspace may list them; agents and up may change and render them.
/// </summary>
public static class CannedResponsesApi
{
    public static IEndpointRouteBuilder MapCannedResponsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces/{workspaceId}/canned-responses").WithTags("Live operations");
        api.MapGet("/", ListAsync).WithName("ListCannedResponses").WithSummary("The workspace's canned responses, by shortcut")
            .WithDescription("All of them (a workspace has at most 500), in one page.")
            .Produces<Page<CannedResponse>>().ProducesProblem(StatusCodes.Status404NotFound).RequireWorkspaceAccess(Permission.Read);
        api.MapPost("/", CreateAsync).WithName("CreateCannedResponse").WithSummary("Create a canned response")
            .WithDescription("Body: shortcut (letters, digits, '_', '-', '.'; unique in the workspace, else 409), title, text (may hold variables).")
            .Produces<CannedResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).RequireWorkspaceAccess(Permission.LiveChat);
        api.MapPatch("/{responseId}", UpdateAsync).WithName("UpdateCannedResponse").WithSummary("Change a canned response")
            .WithDescription("Only the members present change.")
            .Produces<CannedResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).RequireWorkspaceAccess(Permission.LiveChat);
        api.MapDelete("/{responseId}", DeleteAsync).WithName("DeleteCannedResponse").WithSummary("Delete a canned response")
            .WithDescription("204 when deleted, 404 when there was none.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireWorkspaceAccess(Permission.LiveChat);
        api.MapPost("/{responseId}/render", RenderAsync).WithName("RenderCannedResponse")
            .WithSummary("A canned response's text with its variables filled in for one conversation")
            .WithDescription("Body: conversationId (a conversation of this workspace). {{visitor.name}} falls back to 'there' when the visitor is unknown; "
                + "the other variables to nothing; unknown variables stay as written.")
            .Produces<RenderedCannedResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAccess(Permission.LiveChat);
        return app;
    }

    public static async Task<Ok<Page<CannedResponse>>> ListAsync(IGrainFactory grains, string workspaceId) =>
        TypedResults.Ok(new Page<CannedResponse>(await Canned(grains, workspaceId).ListAsync(), null));

    public static async Task<Created<CannedResponse>> CreateAsync(IGrainFactory grains, string workspaceId, CannedResponseInput request)
    {
        var created = await Canned(grains, workspaceId).CreateAsync(request ?? new CannedResponseInput());
        return TypedResults.Created($"/api/v1/workspaces/{workspaceId}/canned-responses/{created.Id}", created);
    }

    public static async Task<Ok<CannedResponse>> UpdateAsync(IGrainFactory grains, string workspaceId, string responseId, CannedResponseInput request) =>
        TypedResults.Ok(await Canned(grains, workspaceId).UpdateAsync(Paging.Id(responseId, "Canned response"), request ?? new CannedResponseInput()));

    public static async Task<NoContent> DeleteAsync(IGrainFactory grains, string workspaceId, string responseId) =>
        await Canned(grains, workspaceId).DeleteAsync(Paging.Id(responseId, "Canned response"))
            ? TypedResults.NoContent()
            : throw new NotFoundException("Canned response", responseId);

    public static async Task<Ok<RenderedCannedResponse>> RenderAsync(
        HttpContext http, IGrainFactory grains, AgentIdentity agents, string workspaceId, string responseId, RenderCannedRequest request)
    {
        if (!GrainInterfaces.Ids.IsWellFormed(request?.ConversationId))
        {
            throw new ValidationFailedException("conversationId", "Must be the id of a conversation of this workspace.");
        }

        var text = await Canned(grains, workspaceId).RenderAsync(Paging.Id(responseId, "Canned response"), request!.ConversationId!, await agents.OfAsync(http.User));
        return TypedResults.Ok(new RenderedCannedResponse(text));
    }

    private static ICannedResponsesGrain Canned(IGrainFactory grains, string workspaceId) =>
        grains.GetGrain<ICannedResponsesGrain>(Paging.Id(workspaceId, "Workspace"));
}
