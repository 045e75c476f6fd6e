using System.Text.Json;
using ChatSphere.Api.RateLimiting;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Api.Apis.OpenAi;

/// <summary>
/// Errors of the OpenAI-compatible routes in OpenAI's format (<c>{"error": {...}}</c>), so OpenAI SDKs raise their
/// usual exceptions; every other route answers RFC 7807 ProblemDetails. These routes read their own bodies, so no
/// binding error reaches the ProblemDetails handler.
/// </summary>
internal static partial class OpenAiErrors
{
    /// <summary>Seconds an overloaded server asks a client to wait.</summary>
    public const int BusyRetryAfterSeconds = 5;

    /// <summary>Answers <paramref name="exception"/> in OpenAI's format; an unexpected one is logged and becomes a bare 500.</summary>
    public static Task WriteAsync(HttpContext http, Exception exception)
    {
        if (From(exception) is { } known)
        {
            return WriteAsync(http, known);
        }

        LogUnexpected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatSphere.Api.OpenAi"), exception, http.Request.Path);
        return WriteAsync(http, new OpenAiException(StatusCodes.Status500InternalServerError, new OpenAiError("The server could not answer.", "server_error", null, null)));
    }

    public static OpenAiException InvalidRequest(string message, string? param, string? code = null) =>
        new(StatusCodes.Status400BadRequest, new OpenAiError(message, "invalid_request_error", param, code));

    /// <summary>The OpenAI error for an exception from the grains or the body reader; null for one that is not ours to describe.</summary>
    public static OpenAiException? From(Exception exception) => exception switch
    {
        OpenAiException own => own,
        ValidationFailedException invalid when invalid.Errors.FirstOrDefault() is var (field, messages) =>
            new(StatusCodes.Status400BadRequest, new OpenAiError(string.Join(" ", messages), "invalid_request_error", field, null)),
        NotFoundException { Resource: "Chatbot" } missing =>
            new(StatusCodes.Status404NotFound, new OpenAiError($"The model '{missing.ResourceId}' does not exist: use a chatbot id.", "invalid_request_error", "model", "model_not_found")),
        NotFoundException missing => new(StatusCodes.Status404NotFound, new OpenAiError(missing.Message, "invalid_request_error", null, "not_found")),
        ForbiddenException forbidden => new(StatusCodes.Status403Forbidden, new OpenAiError(forbidden.Message, "permission_error", null, null)),
        QuotaExceededException quota => new(StatusCodes.Status429TooManyRequests, new OpenAiError(quota.Message, "insufficient_quota", null, "insufficient_quota")),
        RateLimitExceededException limited => new(StatusCodes.Status429TooManyRequests, new OpenAiError(limited.Message, "rate_limit_exceeded", null, "rate_limit_exceeded"), limited.RetryAfterSeconds),
        ServiceUnavailableException busy => new(StatusCodes.Status503ServiceUnavailable, new OpenAiError(busy.Message, "server_error", null, "server_overloaded"), BusyRetryAfterSeconds),
        // A grain call that outlived its timeout: the cluster is overloaded, and a retry later may pass.
        TimeoutException => new(StatusCodes.Status503ServiceUnavailable, new OpenAiError("The server is busy. Please retry in a few seconds.", "server_error", null, "server_overloaded"), BusyRetryAfterSeconds),
        Validation.ControlCharacterException control =>
            new(StatusCodes.Status400BadRequest, new OpenAiError(GrainInterfaces.ControlCharacters.Problem, "invalid_request_error", control.Path, null)),
        JsonException json => new(StatusCodes.Status400BadRequest, new OpenAiError("The request body is not valid JSON of the expected shape.", "invalid_request_error", json.Path, null)),
        BadHttpRequestException bad => new(bad.StatusCode, new OpenAiError(bad.Message, "invalid_request_error", null, null)),
        _ => null,
    };

    public static async Task WriteAsync(HttpContext http, OpenAiException error)
    {
        http.Response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, new OpenAiErrorBody(error.Error), OpenAiJson.Options, http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "OpenAI-compatible request to {Path} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);

    public static OpenAiException Server(string message, string code) =>
        new(StatusCodes.Status502BadGateway, new OpenAiError(message, "server_error", null, code));
}

/// <summary>An error to answer in OpenAI's format with the given status.</summary>
internal sealed class OpenAiException(int status, OpenAiError error, int? retryAfterSeconds = null) : Exception(error.Message)
{
    public int Status { get; } = status;

    /// <summary>The <c>Retry-After</c> to send (429, 503), if any.</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public OpenAiError Error { get; } = error;
}
