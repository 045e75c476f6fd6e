using System.Security.Cryptography;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ai.Credentials;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Ai;

public sealed class SecretProtectorTests : IDisposable
{
    private readonly TestSqlite _folder = new();

    [Fact]
    public void A_sealed_key_opens_only_for_its_workspace_and_provider()
    {
        var protector = Protector();
        var sealedKey = protector.Seal("sk-test-123", "ws_a", "openai");

        Assert.DoesNotContain("sk-test", System.Text.Encoding.UTF8.GetString(sealedKey));
        Assert.Equal("sk-test-123", protector.Open(sealedKey, "ws_a", "openai"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedKey, "ws_b", "openai"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedKey, "ws_a", "azure"));
        sealedKey[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedKey, "ws_a", "openai"));
    }

    [Fact]
    public void The_generated_key_is_kept_in_the_data_folder_and_reused()
    {
        var sealedKey = Protector().Seal("secret", "ws", "p");

        Assert.True(File.Exists(Path.Combine(_folder.Folder, "keys", "ai-secrets.key")));
        Assert.Equal("secret", Protector().Open(sealedKey, "ws", "p"));
        var configured = Protector(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Assert.ThrowsAny<CryptographicException>(() => configured.Open(sealedKey, "ws", "p"));
    }

    public void Dispose() => _folder.Dispose();

    private SecretProtector Protector(string? key = null) =>
        new(Options.Create(new AiOptions { SecretsKey = key }), Options.Create(new AiDataPath { Path = _folder.Folder }));
}
