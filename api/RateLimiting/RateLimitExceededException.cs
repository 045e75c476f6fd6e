namespace ChatSphere.Api.RateLimiting;

/// <summary>A rate limit refused the request: answered 429 with <c>Retry-After</c> (REST) or a hub error (SignalR).
/// The message is meant for the person who sent the request.</summary>
public sealed class RateLimitExceededException(string scope, TimeSpan retryAfter, string message) : Exception(message)
{
    /// <summary><c>ip</c>, <c>apiKey</c>, <c>visitor</c>, <c>address</c>, <c>conversations</c>, <c>embeddings</c> or <c>chatbot</c>.</summary>
    public string Scope { get; } = scope;

    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>Whole seconds to wait, at least 1 (the <c>Retry-After</c> value).</summary>
    public int RetryAfterSeconds => WholeSeconds(RetryAfter);

    public static int WholeSeconds(TimeSpan wait) => (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
}
