using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// Marks embedding work that may wait: the embeddings API's batches are <see cref="Bulk"/>, so the offline model encodes
/// a visitor's question (or a search) before them. Providers other than the offline model ignore the mark.
/// </summary>
public static class EmbeddingPriority
{
    private const string Key = "chatsphere.priority";

    /// <summary>Options for bulk embedding work.</summary>
    public static EmbeddingGenerationOptions Bulk() => new() { AdditionalProperties = new() { [Key] = "bulk" } };

    public static bool IsBulk(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value as string == "bulk";
}
