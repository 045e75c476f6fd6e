using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>
/// The deployment's models (in OpenAI's list shape, with ChatSphere's capabilities and health added), a workspace's
/// own provider keys (never shown back), and usage per chatbot per day and per workspace per month.
/// </summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/models").WithTags("Models").RequireAuthorization();
        models.MapGet("", ListModelsAsync).WithName("ListModels")
            .WithSummary("The chat and embeddings models of this deployment and the chatbots the caller may chat with (OpenAI list shape)");
        models.MapGet("/{*modelId}", GetModelAsync).WithName("GetModel").WithSummary("One model of this deployment, or a chatbot the caller may chat with")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var providers = app.MapGroup("/api/v1/workspaces/{workspaceId}/ai/providers").WithTags("Models")
            .RequireWorkspaceAccess(Permission.ManageWorkspace);
        providers.MapGet("", ListProvidersAsync).WithName("ListProviderKeys")
            .WithSummary("The workspace's own provider keys (a hint of each, never the key)");
        providers.MapPut("/{provider}", SetProviderAsync).WithName("SetProviderKey")
            .WithSummary("Sets the workspace's key for a configured provider; it is encrypted at rest")
            .ProducesValidationProblem();
        providers.MapDelete("/{provider}", RemoveProviderAsync).WithName("RemoveProviderKey")
            .WithSummary("Removes the workspace's key: the deployment's key is used again");

        app.MapGet("/api/v1/chatbots/{botId}/usage", BotUsageAsync).WithTags("Models").WithName("GetChatbotUsage")
            .WithSummary("Replies, tokens and latency per UTC day and model (from, to: yyyy-MM-dd; the last 30 days by default)")
            .ProducesValidationProblem().RequireWorkspaceAccess(Permission.Read);
        app.MapGet("/api/v1/workspaces/{workspaceId}/usage/models", WorkspaceUsageAsync).WithTags("Models").WithName("GetWorkspaceModelUsage")
            .WithSummary("Replies and tokens per model in a UTC month (month: yyyy-MM; the current month by default)")
            .ProducesValidationProblem().RequireWorkspaceAccess(Permission.Read);
        return app;
    }

    /// <summary>The provider models first, then the chatbots the caller may chat with (marked <c>owned_by: chatsphere-chatbot</c>).</summary>
    public static async Task<Ok<ModelList>> ListModelsAsync(IGrainFactory grains, ClaimsPrincipal principal)
    {
        var models = await grains.GetGrain<IAiGatewayGrain>(0).ListModelsAsync();
        var chatbots = await ChatbotModels.ListAsync(grains, principal);
        return TypedResults.Ok(new ModelList("list", [.. models.Select(ModelEntry.From), .. chatbots]));
    }

    public static async Task<Results<Ok<ModelEntry>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> GetModelAsync(
        IGrainFactory grains, WorkspaceAuthorizer authorizer, ClaimsPrincipal principal, string modelId)
    {
        var models = await grains.GetGrain<IAiGatewayGrain>(0).ListModelsAsync();
        if (models.FirstOrDefault(m => m.Id == modelId) is { } model)
        {
            return TypedResults.Ok(ModelEntry.From(model));
        }

        return await ChatbotModels.FindAsync(grains, authorizer, principal, modelId) is { } chatbot
            ? TypedResults.Ok(chatbot)
            : TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 404, Title = "Model not found.", Detail = $"No model '{modelId}'." });
    }

    public static async Task<Ok<ProviderKeyList>> ListProvidersAsync(IGrainFactory grains, string workspaceId) =>
        TypedResults.Ok(new ProviderKeyList(await grains.GetGrain<IWorkspaceAiGrain>(Paging.Id(workspaceId, "Workspace")).ListProvidersAsync()));

    public static async Task<Ok<ProviderCredentialInfo>> SetProviderAsync(IGrainFactory grains, string workspaceId, string provider, SetProviderKeyRequest request) =>
        TypedResults.Ok(await grains.GetGrain<IWorkspaceAiGrain>(Paging.Id(workspaceId, "Workspace")).SetProviderAsync(provider, request.ApiKey ?? ""));

    public static async Task<Results<NoContent, NotFound>> RemoveProviderAsync(IGrainFactory grains, string workspaceId, string provider) =>
        await grains.GetGrain<IWorkspaceAiGrain>(Paging.Id(workspaceId, "Workspace")).RemoveProviderAsync(provider)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    public static async Task<Ok<BotUsageResponse>> BotUsageAsync(IGrainFactory grains, string botId, string? from, string? to)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var end = Day(to, "to") ?? today;
        var start = Day(from, "from") ?? end.AddDays(-29);
        var days = await grains.GetGrain<IAiGatewayGrain>(0).GetBotUsageAsync(Paging.Id(botId, "Chatbot"), start, end);
        return TypedResults.Ok(new BotUsageResponse(botId, start, end, days));
    }

    public static async Task<Ok<WorkspaceMonthlyUsage>> WorkspaceUsageAsync(IGrainFactory grains, string workspaceId, string? month)
    {
        var now = DateTime.UtcNow;
        var (year, m) = (now.Year, now.Month);
        if (month is not null)
        {
            if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new ValidationFailedException("month", "Must be a month such as 2026-11.");
            }

            (year, m) = (parsed.Year, parsed.Month);
        }

        return TypedResults.Ok(await grains.GetGrain<IAiGatewayGrain>(0).GetWorkspaceUsageAsync(Paging.Id(workspaceId, "Workspace"), year, m));
    }

    private static DateOnly? Day(string? text, string field) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new ValidationFailedException(field, "Must be a date such as 2026-11-25.");
}

/// <summary>OpenAI's model list: <c>{"object": "list", "data": [...]}</c>.</summary>
public sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

/// <summary>
/// A model in OpenAI's shape (id, object, created, owned_by) with ChatSphere's details. A chatbot entry has
/// <c>owned_by</c> <see cref="ChatbotOwner"/>, <c>kind</c> <c>chatbot</c> and <see cref="Chatbot"/> set.
/// </summary>
public sealed record ModelEntry(
    string Id,
    string Object,
    long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy,
    string Kind,
    string ProviderType,
    string Description,
    int ContextTokens,
    int MaxOutputTokens,
    IReadOnlyList<string> Capabilities,
    ModelHealth Health,
    ChatbotModel? Chatbot = null)
{
    /// <summary>The <c>owned_by</c> of a chatbot entry, which tells it from the provider models.</summary>
    public const string ChatbotOwner = "chatsphere-chatbot";

    public static ModelEntry From(ModelDescriptor m) => new(
        m.Id, "model", 0, m.Provider, m.Kind, m.ProviderType, m.Description, m.ContextTokens, m.MaxOutputTokens, m.Capabilities,
        new ModelHealth(m.Health, m.Circuit, m.LastError, m.LastErrorAt));

    public static ModelEntry FromChatbot(ChatbotInfo bot) => new(
        bot.Id, "model", bot.CreatedAt.ToUnixTimeSeconds(), ChatbotOwner, "chatbot", "chatbot", bot.Settings.Description ?? "", 0, 0,
        ["chat", "streaming", "citations"], new ModelHealth("unknown", "none", null, null),
        new ChatbotModel(bot.WorkspaceId, bot.Settings.Name, bot.Settings.Answer.Model));
}

/// <summary>What a chatbot entry adds: its workspace, its name and the model its answers come from.</summary>
public sealed record ChatbotModel(string WorkspaceId, string Name, string Model);

/// <summary>unknown / healthy / degraded / unavailable, the circuit breaker's state, and the last error.</summary>
public sealed record ModelHealth(string Status, string Circuit, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>Body that sets a workspace's key for a model provider.</summary>
public sealed record SetProviderKeyRequest(string? ApiKey);

/// <summary>The provider keys of a workspace, each shown only as a hint.</summary>
public sealed record ProviderKeyList(IReadOnlyList<ProviderCredentialInfo> Items);

/// <summary>A chatbot's model usage per day over a date range.</summary>
public sealed record BotUsageResponse(string BotId, DateOnly From, DateOnly To, IReadOnlyList<BotDailyUsage> Days);
