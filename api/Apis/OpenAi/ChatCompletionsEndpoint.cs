using System.Text;
using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.RateLimiting;
using ChatSphere.GrainInterfaces.Ai;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>
/// POST /api/v1/chat/completions with a chatbot id as the model: the bot answers the last user message with its
/// knowledge, persona and guardrails; earlier user and assistant messages are its history; the caller's system
/// messages are ignored. Stateless: nothing is stored as a conversation (usage is recorded under the completion id).
/// With <c>stream</c> the answer is Server-Sent Events of <c>chat.completion.chunk</c> objects ending with
/// <c>data: [DONE]</c>; <c>stream_options.include_usage</c> adds a last chunk with no choices and the usage.
/// A reply that breaks off mid-stream ends with an OpenAI error event before <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext http, IGrainFactory grains, WorkspaceAuthorizer authorizer, RateLimitChecks rateLimits)
    {
        var streamStarted = false;
        try
        {
            var request = await ReadAsync(http);
            await authorizer.ForChatbotAsync(http.User, request.Model!, Permission.Chat);
            await rateLimits.CheckMessageAsync(request.Model!, http);
            var completion = new CompletionRequest
            {
                BotId = request.Model!,
                CompletionId = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                Messages = request.Messages!.Select(m => new CompletionMessage(m.Role?.Trim().ToLowerInvariant() ?? "", m.Text())).ToArray(),
                Temperature = request.Temperature,
                MaxTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            };
            var chunks = grains.GetGrain<IAiGatewayGrain>(0).CompleteAsync(completion, http.RequestAborted);
            if (request.Stream == true)
            {
                await using var e = chunks.GetAsyncEnumerator(http.RequestAborted);
                // The first piece is awaited before any byte is written: an unknown bot or invalid input is still a plain error answer.
                var hasFirst = await e.MoveNextAsync();
                streamStarted = true;
                await StreamAsync(http, completion, request.StreamOptions?.IncludeUsage == true, hasFirst ? e.Current : null, e);
            }
            else
            {
                await AnswerAsync(http, completion, chunks);
            }
        }
        catch (Exception exception) when (!streamStarted && !http.RequestAborted.IsCancellationRequested)
        {
            await OpenAiErrors.WriteAsync(http, exception);
        }
        catch (Exception exception) when (streamStarted && !http.RequestAborted.IsCancellationRequested && exception is not OperationCanceledException)
        {
            // Events are already out: the failure becomes an error event, and the stream still ends as a client expects.
            var error = OpenAiErrors.From(exception)?.Error ?? new OpenAiError("The reply failed.", "server_error", null, "reply_failed");
            await WriteAsync(http, new OpenAiErrorBody(error));
            await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        }
    }

    private static async Task<ChatCompletionRequest> ReadAsync(HttpContext http)
    {
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw OpenAiErrors.InvalidRequest("The body must be JSON (Content-Type: application/json).", null);
        }

        var request = await JsonSerializer.DeserializeAsync<ChatCompletionRequest>(http.Request.Body, OpenAiJson.StoredTextRequests, http.RequestAborted)
            ?? throw OpenAiErrors.InvalidRequest("The body is empty.", null);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw OpenAiErrors.InvalidRequest("'model' is required: the id of a chatbot.", "model");
        }

        if (request.Messages is not { Count: > 0 })
        {
            throw OpenAiErrors.InvalidRequest("'messages' must hold at least one message.", "messages");
        }

        // Content is a JSON element (a string or parts), which the body's string rule does not see: the same rule here.
        for (var i = 0; i < request.Messages.Count; i++)
        {
            if (GrainInterfaces.ControlCharacters.Contains(request.Messages[i].Text()))
            {
                throw OpenAiErrors.InvalidRequest(GrainInterfaces.ControlCharacters.Problem, $"messages[{i}].content");
            }
        }

        if (request.N is > 1)
        {
            throw OpenAiErrors.InvalidRequest("Only n = 1 is supported.", "n");
        }

        if (request.Temperature is < 0 or > 2)
        {
            throw OpenAiErrors.InvalidRequest("'temperature' must be between 0 and 2.", "temperature");
        }

        if ((request.MaxCompletionTokens ?? request.MaxTokens) is < 1)
        {
            throw OpenAiErrors.InvalidRequest("'max_completion_tokens' must be at least 1.", "max_completion_tokens");
        }

        return request;
    }

    private static async Task AnswerAsync(HttpContext http, CompletionRequest completion, IAsyncEnumerable<CompletionChunk> chunks)
    {
        var text = new StringBuilder();
        CompletionChunk? last = null;
        await foreach (var chunk in chunks.WithCancellation(http.RequestAborted))
        {
            text.Append(chunk.Text);
            if (chunk.FinishReason is not null)
            {
                last = chunk;
            }
        }

        if (last is null || last.Interrupted)
        {
            throw OpenAiErrors.Server("The model broke off before the reply was complete. Please retry.", "reply_interrupted");
        }

        var answer = new ChatCompletion(
            completion.CompletionId, "chat.completion", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), completion.BotId,
            [new ChatCompletionChoice(0, new AssistantMessage("assistant", text.ToString(), null), last.FinishReason!, null)],
            Usage(last), Fingerprint(last), Citations(last));
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, answer, OpenAiJson.Options, http.RequestAborted);
    }

    private static async Task StreamAsync(
        HttpContext http, CompletionRequest completion, bool includeUsage, CompletionChunk? first, IAsyncEnumerator<CompletionChunk> rest)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        ChatCompletionChunk Chunk(ChunkDelta delta, string? finish, CompletionChunk? end = null) => new(
            completion.CompletionId, "chat.completion.chunk", created, completion.BotId, [new ChunkChoice(0, delta, finish, null)],
            end is null ? null : Fingerprint(end), null, end is null ? null : Citations(end));

        await WriteAsync(http, Chunk(new ChunkDelta("assistant", ""), null));
        var chunk = first;
        while (chunk is not null)
        {
            if (chunk.FinishReason is not null)
            {
                if (chunk.Interrupted)
                {
                    await WriteAsync(http, new OpenAiErrorBody(new OpenAiError("The model broke off before the reply was complete.", "server_error", null, "reply_interrupted")));
                }
                else
                {
                    await WriteAsync(http, Chunk(new ChunkDelta(null, null), chunk.FinishReason, chunk));
                    if (includeUsage)
                    {
                        await WriteAsync(http, new ChatCompletionChunk(completion.CompletionId, "chat.completion.chunk", created, completion.BotId, [], Fingerprint(chunk), Usage(chunk), null));
                    }
                }

                break;
            }

            if (chunk.Text is { Length: > 0 } text)
            {
                await WriteAsync(http, Chunk(new ChunkDelta(null, text), null));
            }

            chunk = await rest.MoveNextAsync() ? rest.Current : null;
        }

        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static async Task WriteAsync<T>(HttpContext http, T payload)
    {
        var json = JsonSerializer.Serialize(payload, OpenAiJson.Options);
        await http.Response.WriteAsync("data: " + json + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static CompletionUsage Usage(CompletionChunk last) => new(last.PromptTokens, last.CompletionTokens, last.PromptTokens + last.CompletionTokens);

    /// <summary>Names the model that answered (a ChatSphere reading of the field: which model of the bot's chain served).</summary>
    private static string? Fingerprint(CompletionChunk last) => last.Model is { } model ? "chatsphere:" + model : null;

    private static IReadOnlyList<OpenAiCitation>? Citations(CompletionChunk last) =>
        last.Citations.Count == 0 ? null : last.Citations.Select(c => new OpenAiCitation(c.Index, c.SourceId, c.Title, c.Url, c.Heading)).ToArray();
}
