using ChatSphere.Api.Apis;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Widget;

/// <summary>The widget's public config, ratings and visitor profiles, and a bot's identity secret.</summary>
public static class WidgetApi
{
    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/widget/{botId}/config", ConfigAsync).WithTags("Widget")
            .WithName("GetWidgetConfig").WithSummary("The public look of a bot's chat widget (no secrets)").AllowAnonymous();

        var conversations = app.MapGroup("/api/v1/conversations").WithTags("Conversations");
        conversations.MapPost("/{conversationId}/messages/{messageId}/feedback", FeedbackAsync)
            .WithName("RateMessage").WithSummary("Rate a reply up or down (null clears the rating)").RequireWorkspaceAccess(Permission.Chat);
        conversations.MapGet("/{conversationId}/visitor", VisitorAsync)
            .WithName("GetConversationVisitor").WithSummary("The visitor's verified identity and lead form answers")
            .RequireWorkspaceAccess(Permission.Read);

        var bots = app.MapGroup("/api/v1/chatbots").WithTags("Chatbots");
        bots.MapPost("/{botId}/widget/identity-secret", CreateSecretAsync)
            .WithName("CreateIdentitySecret").WithSummary("Make (or replace) the secret that signs visitor identities; shown once")
            .RequireWorkspaceAccess(Permission.EditBots);
        bots.MapDelete("/{botId}/widget/identity-secret", DeleteSecretAsync)
            .WithName("DeleteIdentitySecret").WithSummary("Turn identity verification off").RequireWorkspaceAccess(Permission.EditBots);
        return app;
    }

    public static async Task<Ok<WidgetConfigResponse>> ConfigAsync(HttpContext http, IGrainFactory grains, string botId)
    {
        var id = Paging.Id(botId, "Chatbot");
        var bot = await grains.GetGrain<IChatbotGrain>(id).GetAsync() ?? throw new NotFoundException("Chatbot", id);
        // Appearance changes show at the widget's next look (it asks again when opened or shown).
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(WidgetConfigResponse.From(bot));
    }

    public static async Task<Ok<ConversationMessage>> FeedbackAsync(IGrainFactory grains, string conversationId, string messageId, FeedbackRequest request)
    {
        var conversation = grains.GetGrain<IConversationGrain>(Paging.Id(conversationId, "Conversation"));
        return TypedResults.Ok(await conversation.RateAsync(Paging.Id(messageId, "Message"), request.Rating));
    }

    public static async Task<Results<Ok<VisitorProfile>, NotFound>> VisitorAsync(IGrainFactory grains, string conversationId)
    {
        var profile = await grains.GetGrain<IConversationGrain>(Paging.Id(conversationId, "Conversation")).GetVisitorAsync();
        return profile is null ? TypedResults.NotFound() : TypedResults.Ok(profile);
    }

    public static async Task<Created<IdentitySecretResponse>> CreateSecretAsync(
        HttpContext http, IGrainFactory grains, IdentitySecrets secrets, AuditTrail audit, string botId)
    {
        var (plain, protectedSecret) = secrets.Create();
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).UpdateAsync(new ChatbotPatch { IdentitySecret = protectedSecret });
        await audit.RecordAsync(http, bot.WorkspaceId, "chatbot.identity_secret_created", "chatbot", bot.Id);
        return TypedResults.Created($"/api/v1/chatbots/{bot.Id}", new IdentitySecretResponse(plain));
    }

    public static async Task<NoContent> DeleteSecretAsync(HttpContext http, IGrainFactory grains, AuditTrail audit, string botId)
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Paging.Id(botId, "Chatbot")).UpdateAsync(new ChatbotPatch { IdentitySecret = "" });
        await audit.RecordAsync(http, bot.WorkspaceId, "chatbot.identity_secret_removed", "chatbot", bot.Id);
        return TypedResults.NoContent();
    }
}
