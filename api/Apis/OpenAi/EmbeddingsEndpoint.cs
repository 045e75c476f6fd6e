using System.Runtime.InteropServices;
using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.RateLimiting;
using ChatSphere.GrainInterfaces.Ai;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>
/// POST /api/v1/embeddings: the offline MiniLM model (<c>all-MiniLM-L6-v2</c>) and any embeddings model of the
/// configured providers, in OpenAI's shape; <c>encoding_format: base64</c> gives little-endian float32 bytes.
/// Every caller embeds for a workspace (an API key's, or a person's <c>?workspaceId=</c> or only one) in which it may chat;
/// requests are bounded (<see cref="EmbeddingsOptions"/>: 400 too many or too long texts, 413 too large a body), rate
/// limited per workspace (429 with Retry-After), metered per workspace and month, and admitted through
/// <see cref="EmbeddingsGate"/> (503 with Retry-After when the node is saturated). The offline model encodes these texts
/// only when no visitor's question waits.
/// </summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(
        HttpContext http, IGrainFactory grains, WorkspaceAuthorizer authorizer, RateLimitChecks rateLimits, EmbeddingsGate gate,
        IOptions<EmbeddingsOptions> options)
    {
        var limits = options.Value;
        try
        {
            // Every caller embeds for a workspace it may chat in: an API key's own; a person's ?workspaceId= or only workspace.
            var workspaceId = Caller.From(http.User)?.KeyWorkspaceId
                ?? (http.Request.Query["workspaceId"].ToString() is { Length: > 0 } asked ? asked : await authorizer.DefaultWorkspaceAsync(http.User));
            await authorizer.ForWorkspaceAsync(http.User, workspaceId, Permission.Chat);

            var request = await ReadAsync(http, limits);
            if (string.IsNullOrWhiteSpace(request.Model))
            {
                throw OpenAiErrors.InvalidRequest("'model' is required; GET /api/v1/models lists the embeddings models.", "model");
            }

            var base64 = request.EncodingFormat switch
            {
                null or "float" => false,
                "base64" => true,
                _ => throw OpenAiErrors.InvalidRequest("'encoding_format' must be float or base64.", "encoding_format"),
            };
            var inputs = Inputs(request.Input);
            if (inputs.Length > limits.MaxInputs)
            {
                throw OpenAiErrors.InvalidRequest($"'input' holds {inputs.Length} texts; at most {limits.MaxInputs} per request.", "input", "too_many_inputs");
            }

            if (inputs.FirstOrDefault(i => i.Length > limits.MaxInputChars) is { } tooLong)
            {
                throw OpenAiErrors.InvalidRequest(
                    $"Each text in 'input' may hold at most {limits.MaxInputChars} characters; one holds {tooLong.Length}.", "input", "input_too_long");
            }

            await rateLimits.CheckEmbeddingsAsync(workspaceId, inputs.Length, limits);
            using var lease = await gate.EnterAsync(http.RequestAborted) ?? throw Overloaded();
            var batch = await grains.GetGrain<IAiGatewayGrain>(0).EmbedAsync(request.Model, inputs, workspaceId);
            if (request.Dimensions is { } dimensions && batch.Vectors.Count > 0 && batch.Vectors[0].Length != dimensions)
            {
                throw OpenAiErrors.InvalidRequest($"{batch.Model} has {batch.Vectors[0].Length} dimensions; 'dimensions' cannot change that.", "dimensions");
            }

            var data = batch.Vectors.Select((v, i) => new EmbeddingItem("embedding", i, base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(v.AsSpan())) : v)).ToArray();
            http.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(http.Response.Body,
                new EmbeddingsResponse("list", data, batch.Model, new EmbeddingsUsage(batch.PromptTokens, batch.PromptTokens)), OpenAiJson.Options, http.RequestAborted);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            await OpenAiErrors.WriteAsync(http, exception);
        }
    }

    /// <summary>The body, refused with 413 past <see cref="EmbeddingsOptions.MaxRequestBytes"/> (declared or read).</summary>
    private static async Task<EmbeddingsRequest> ReadAsync(HttpContext http, EmbeddingsOptions limits)
    {
        if (http.Request.ContentLength > limits.MaxRequestBytes)
        {
            throw TooLarge(limits);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxRequestBytes;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<EmbeddingsRequest>(http.Request.Body, OpenAiJson.Options, http.RequestAborted)
                ?? throw OpenAiErrors.InvalidRequest("The body is empty.", null);
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limits);
        }
    }

    private static OpenAiException TooLarge(EmbeddingsOptions limits) => new(StatusCodes.Status413PayloadTooLarge,
        new OpenAiError($"The request body may hold at most {limits.MaxRequestBytes} bytes.", "invalid_request_error", "input", "request_too_large"));

    private static OpenAiException Overloaded() => new(StatusCodes.Status503ServiceUnavailable,
        new OpenAiError("The embeddings service is busy. Please retry in a few seconds.", "server_error", null, "server_overloaded"),
        EmbeddingsGate.RetryAfterSeconds);

    private static string[] Inputs(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => [input.GetString()!],
        JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => input.EnumerateArray().Select(e => e.GetString()!).ToArray(),
        _ => throw OpenAiErrors.InvalidRequest("'input' must be a string or an array of strings (token arrays are not supported).", "input"),
    };
}
