using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>
/// How one reply of a conversation was made, for the people who build the bot (editors, admins, the owner, or an API
/// key that may edit bots): the model that answered, tokens, timings and the retrieved knowledge it used. Viewers and
/// visitors are refused: the passages show knowledge as the model saw it.
/// </summary>
public static class ReplyDetailsApi
{
    public static IEndpointRouteBuilder MapReplyDetailsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/conversations/{conversationId}/messages/{seq:long}/details", GetAsync).WithTags("Conversations")
            .WithName("GetReplyDetails")
            .WithSummary("How a reply was made: its model, tokens, latency and the retrieved passages it used")
            .WithDescription("For the assistant message with this seq: the model that answered (none for an apology), prompt and completion tokens, "
                + "the milliseconds from the question's arrival to the first words and to the whole reply, how it ended, and the passages retrieval "
                + "gave the model (source, heading, score and text as retrieved then), best first. Editors, admins and the owner (or an API key "
                + "with the write scope); 404 while the reply is being written (its record is committed a moment after it ends) and for a message "
                + "that is not a generated reply.")
            .Produces<ReplyDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAccess(Permission.EditBots);
        return app;
    }

    public static async Task<Ok<ReplyDetails>> GetAsync(IGrainFactory grains, string conversationId, long seq)
    {
        var id = Paging.Id(conversationId, "Conversation");
        var details = seq > 0 ? await grains.GetGrain<IAiGatewayGrain>(0).GetReplyDetailsAsync(id, seq) : null;
        return TypedResults.Ok(details ?? throw new NotFoundException("Reply", $"{id}/{seq}"));
    }
}
