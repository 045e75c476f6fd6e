using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>Body of POST /api/v1/chat/completions (the members ChatSphere reads; others are accepted and ignored).</summary>
public sealed record ChatCompletionRequest
{
    /// <summary>The chatbot id.</summary>
    public string? Model { get; init; }
    public IReadOnlyList<ChatCompletionMessage>? Messages { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public int? N { get; init; }
}

/// <summary>The <c>stream_options</c> of a chat completion request.</summary>
public sealed record StreamOptions
{
    public bool? IncludeUsage { get; init; }
}

/// <summary>A message; <see cref="Content"/> is a string or an array of parts of which the text parts are read.</summary>
public sealed record ChatCompletionMessage
{
    public string? Role { get; init; }
    public JsonElement Content { get; init; }
    public string? Name { get; init; }

    public string Text() => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString() ?? "",
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("type", out var t) && t.ValueEquals("text") && p.TryGetProperty("text", out _))
            .Select(p => p.GetProperty("text").GetString())),
        _ => "",
    };
}

/// <summary>The non-streamed answer (object <c>chat.completion</c>).</summary>
public sealed record ChatCompletion(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    CompletionUsage Usage,
    string? SystemFingerprint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenAiCitation>? Citations);

/// <summary>The one choice of a chat completion.</summary>
public sealed record ChatCompletionChoice(int Index, AssistantMessage Message, string FinishReason, object? Logprobs);

/// <summary>The reply of a chat completion's choice.</summary>
public sealed record AssistantMessage(string Role, string Content, object? Refusal);

/// <summary>One streamed chunk (object <c>chat.completion.chunk</c>).</summary>
public sealed record ChatCompletionChunk(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChunkChoice> Choices,
    string? SystemFingerprint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] CompletionUsage? Usage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenAiCitation>? Citations);

/// <summary>The choice of a streamed chunk.</summary>
public sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason, object? Logprobs);

/// <summary>What a streamed chunk adds: the role first, then pieces of the content.</summary>
public sealed record ChunkDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

/// <summary>Tokens a chat completion took.</summary>
public sealed record CompletionUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

/// <summary>A knowledge source the answer cites as [index] (a ChatSphere extension to the OpenAI shape).</summary>
public sealed record OpenAiCitation(
    int Index,
    string SourceId,
    string Title,
    string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Heading = null);

/// <summary>Body of POST /api/v1/embeddings.</summary>
public sealed record EmbeddingsRequest
{
    public string? Model { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement Input { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32, as the OpenAI SDKs ask for).</summary>
    public string? EncodingFormat { get; init; }

    public int? Dimensions { get; init; }
}

/// <summary>The answer of <c>/embeddings</c> (object <c>list</c>).</summary>
public sealed record EmbeddingsResponse(string Object, IReadOnlyList<EmbeddingItem> Data, string Model, EmbeddingsUsage Usage);

/// <summary><see cref="Embedding"/> is a float array, or a base64 string when asked for.</summary>
public sealed record EmbeddingItem(string Object, int Index, object Embedding);

/// <summary>Tokens an embeddings request took.</summary>
public sealed record EmbeddingsUsage(int PromptTokens, int TotalTokens);

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiErrorBody(OpenAiError Error);

/// <summary>The error inside OpenAI's error body.</summary>
public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);
