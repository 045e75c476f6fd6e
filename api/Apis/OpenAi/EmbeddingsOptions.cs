namespace ChatSphere.Api.Apis.OpenAi;

/// <summary><c>ChatSphere:Embeddings</c>: the bounds and the share of the machine of <c>POST /api/v1/embeddings</c>.</summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "ChatSphere:Embeddings";

    /// <summary>Texts in one request (400 beyond).</summary>
    public int MaxInputs { get; set; } = 64;

    /// <summary>Characters in one text (400 beyond).</summary>
    public int MaxInputChars { get; set; } = 8_192;

    /// <summary>Bytes of one request body (413 beyond).</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Texts one workspace may embed per minute, whoever asks (429 with Retry-After beyond); 0 turns it off.</summary>
    public int InputsPerMinutePerWorkspace { get; set; } = 600;

    /// <summary>Embeddings requests one API node works on at once; the others wait in a queue.</summary>
    public int MaxConcurrentPerNode { get; set; } = 2;

    /// <summary>Requests that may wait on one API node; beyond, or after <see cref="MaxQueueWait"/>, 503 with Retry-After.</summary>
    public int MaxQueuedPerNode { get; set; } = 8;

    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(10);
}
