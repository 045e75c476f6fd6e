namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>How to reach one Pinecone index over its data-plane REST API.</summary>
public sealed record PineconeOptions
{
    /// <summary>The index host from the Pinecone console, for example <c>https://docs-abc123.svc.us-east1-gcp.pinecone.io</c>.</summary>
    public required Uri IndexHost { get; init; }

    public required string ApiKey { get; init; }

    /// <summary>The API version sent in <c>X-Pinecone-API-Version</c>.</summary>
    public string ApiVersion { get; init; } = "2025-04";

    /// <summary>Vectors per upsert request (Pinecone accepts up to 1,000 or 2 MB).</summary>
    public int UpsertBatchSize { get; init; } = 100;
}
