using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>
/// JSON of the OpenAI-compatible routes: snake_case names and explicit nulls (<c>"finish_reason": null</c>) as
/// OpenAI writes them, independent of the camelCase settings of the rest of the API.
/// </summary>
internal static class OpenAiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>For chat completion requests, whose messages are stored: as on every other route, text holding a control
    /// character is refused (PostgreSQL stores no NUL).</summary>
    public static readonly JsonSerializerOptions StoredTextRequests = new(Options)
    {
        Converters = { new Validation.ControlCharacterJsonConverter() },
    };
}
