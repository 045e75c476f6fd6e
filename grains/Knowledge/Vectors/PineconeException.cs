using System.Net;

namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>Pinecone refused or failed a request; <see cref="StatusCode"/> says which (4xx: ours to fix, 5xx and 429: retry later).</summary>
public sealed class PineconeException(HttpStatusCode statusCode, string operation, string message)
    : Exception($"Pinecone {operation} failed with {(int)statusCode} {statusCode}: {message}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public bool IsTransient => StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;
}
