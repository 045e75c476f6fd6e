using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Grains.Accounts;

/// <summary>What the API key grain persists: its description and the SHA-256 of its secrets, never the secrets.</summary>
[GenerateSerializer, Alias("ChatSphere.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public ApiKeyInfo? Key { get; set; }
    [Id(1)] public byte[]? SecretHash { get; set; }
    /// <summary>The secret before the last rotation, valid until <see cref="ApiKeyInfo.PreviousSecretExpiresAt"/>.</summary>
    [Id(2)] public byte[]? PreviousSecretHash { get; set; }
}
