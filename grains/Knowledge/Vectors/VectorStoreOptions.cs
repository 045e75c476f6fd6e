namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// Which vector store the deployment uses (<c>ChatSphere:Vectors</c>): <c>embedded</c> (default; files under the
/// data folder) or <c>pinecone</c> (then <see cref="Pinecone"/> is required). The settings: docs/knowledge.md.
/// </summary>
public sealed class VectorStoreOptions
{
    public const string SectionName = "ChatSphere:Vectors";

    public string Provider { get; set; } = "embedded";

    /// <summary>The embedded store's folder; default <c>&lt;ChatSphere:DataPath&gt;/vectors</c>.</summary>
    public string? Folder { get; set; }

    public int ExactSearchLimit { get; set; } = 10_000;

    public PineconeSettings Pinecone { get; set; } = new();

    public sealed class PineconeSettings
    {
        public string? IndexHost { get; set; }
        public string? ApiKey { get; set; }
        public string ApiVersion { get; set; } = "2025-04";
    }
}
