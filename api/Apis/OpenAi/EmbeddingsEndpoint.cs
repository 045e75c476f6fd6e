using System.Runtime.InteropServices;
using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Ai;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>
/// POST /api/v1/embeddings: the offline MiniLM model (<c>all-MiniLM-L6-v2</c>) and any embeddings model of the
/// configured providers, in OpenAI's shape; <c>encoding_format: base64</c> gives little-endian float32 bytes.
/// </summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext http, IGrainFactory grains, WorkspaceAuthorizer authorizer)
    {
        try
        {
            // An API key embeds with its workspace's provider keys and needs the chat scope; a signed-in person may embed.
            var workspaceId = Caller.From(http.User)?.KeyWorkspaceId;
            if (workspaceId is not null)
            {
                await authorizer.ForWorkspaceAsync(http.User, workspaceId, Permission.Chat);
            }

            var request = await JsonSerializer.DeserializeAsync<EmbeddingsRequest>(http.Request.Body, OpenAiJson.Options, http.RequestAborted)
                ?? throw OpenAiErrors.InvalidRequest("The body is empty.", null);
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

    private static string[] Inputs(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => [input.GetString()!],
        JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => input.EnumerateArray().Select(e => e.GetString()!).ToArray(),
        _ => throw OpenAiErrors.InvalidRequest("'input' must be a string or an array of strings (token arrays are not supported).", "input"),
    };
}
