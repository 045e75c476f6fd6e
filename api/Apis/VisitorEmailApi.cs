using ChatSphere.Api.Visitors;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.Apis;

/// <summary>
/// The visitor's email after an offline handoff (nobody was available): the widget's email field posts it here with the
/// visitor token of the conversation (the same as the hub's <c>LeaveEmail</c>).
/// </summary>
public static class VisitorEmailApi
{
    public static IEndpointRouteBuilder MapVisitorEmailApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/chat/{botId}/conversations/{conversationId}/email", LeaveEmailAsync).WithTags("Chat")
            .WithName("LeaveVisitorEmail")
            .WithSummary("Leave the visitor's email when no agent is available")
            .WithDescription("Needs the conversation's visitor token (X-Visitor-Token header). Stores the email on the conversation's visitor "
                + "profile, where agents see it. 400 naming email for anything but an address; 404 for a token that is not this conversation's.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<NoContent> LeaveEmailAsync(
        IGrainFactory grains, VisitorTokens visitors, string botId, string conversationId, LeaveEmailRequest request,
        [FromHeader(Name = VisitorTokens.Header)] string? visitorToken)
    {
        var claim = visitors.Read(Paging.Id(botId, "Chatbot"), visitorToken);
        if (claim is null || claim.ConversationId != conversationId)
        {
            throw new NotFoundException("Conversation", conversationId.Length > 64 ? conversationId[..64] : conversationId);
        }

        await grains.GetGrain<IConversationGrain>(conversationId).LeaveEmailAsync(request?.Email ?? "");
        return TypedResults.NoContent();
    }
}

/// <summary>Body of the visitor's email after an offline handoff.</summary>
public sealed record LeaveEmailRequest(string? Email);
