namespace ChatSphere.Grains.Ai.Credentials;

/// <summary>What the workspace AI grain persists: the sealed key per provider (names in lower case).</summary>
[GenerateSerializer, Alias("ChatSphere.WorkspaceAiState")]
public sealed class WorkspaceAiState
{
    [Id(0)] public Dictionary<string, StoredCredential> Credentials { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One provider key of a workspace, sealed; only its last characters are ever shown.</summary>
[GenerateSerializer, Alias("ChatSphere.StoredCredential")]
public sealed class StoredCredential
{
    [Id(0)] public required string Provider { get; set; }
    [Id(1)] public required byte[] Ciphertext { get; set; }
    [Id(2)] public string KeyHint { get; set; } = "";
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }
}
