namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>The OpenAI-compatible routes, so OpenAI SDKs work with base URL <c>&lt;host&gt;/api/v1</c>.</summary>
public static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        // Bearer API keys (scope chat) or signed-in members; the bot in 'model' is checked against the caller in the handler.
        var group = app.MapGroup("/api/v1").WithTags("OpenAI-compatible").RequireAuthorization();
        group.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync)
            .WithName("CreateChatCompletion")
            .WithSummary("OpenAI chat completions with a chatbot id as the model (streaming with stream: true)")
            .Accepts<ChatCompletionRequest>("application/json")
            .Produces<ChatCompletion>()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<OpenAiErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<OpenAiErrorBody>(StatusCodes.Status429TooManyRequests)
            .Produces<OpenAiErrorBody>(StatusCodes.Status502BadGateway)
            .Produces<OpenAiErrorBody>(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/embeddings", EmbeddingsEndpoint.HandleAsync)
            .WithName("CreateEmbeddings")
            .WithSummary("OpenAI embeddings with the offline MiniLM model or a configured provider's")
            .WithDescription(
                "For the caller's workspace: an API key's, or a signed-in person's ?workspaceId= (needed when they belong to several). "
                + "At most ChatSphere:Embeddings:MaxInputs texts of MaxInputChars characters each (400 beyond) and MaxRequestBytes of body "
                + "(413); rate limited per workspace (429 with Retry-After) and answered 503 with Retry-After while the server is saturated.")
            .Accepts<EmbeddingsRequest>("application/json")
            .Produces<EmbeddingsResponse>()
            .Produces<OpenAiErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorBody>(StatusCodes.Status403Forbidden)
            .Produces<OpenAiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<OpenAiErrorBody>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OpenAiErrorBody>(StatusCodes.Status429TooManyRequests)
            .Produces<OpenAiErrorBody>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
