using ChatSphere.Api.Auth;
using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatSphere.Api.Tests.Accounts;

public sealed class SigningKeysTests
{
    [Fact]
    public void The_embedded_shape_makes_a_key_once_in_its_data_folder_readable_by_the_owner_only()
    {
        using var data = new TestSqlite();
        var topology = Topology(data.Folder, postgres: null);

        var first = SigningKeys.Resolve(new TokenOptions(), topology);
        var second = SigningKeys.Resolve(new TokenOptions(), topology);

        Assert.Equal(first.Key, second.Key);
        Assert.True(first.Key.Length >= SigningKeys.MinBytes);
        var file = Path.Combine(data.Folder, "auth", "jwt-signing.key");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void The_cluster_shape_requires_a_configured_key_of_enough_bytes()
    {
        using var data = new TestSqlite();
        var cluster = Topology(data.Folder, postgres: "Host=127.0.0.1;Database=unused");

        var missing = Assert.Throws<InvalidOperationException>(() => SigningKeys.Resolve(new TokenOptions(), cluster));
        Assert.Contains("ChatSphere:Auth:SigningKey", missing.Message);
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Resolve(new TokenOptions { SigningKey = Convert.ToBase64String(new byte[16]) }, cluster));
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Resolve(new TokenOptions { SigningKey = "not base64!" }, cluster));

        var configured = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(Convert.FromBase64String(configured), SigningKeys.Resolve(new TokenOptions { SigningKey = configured }, cluster).Key);
        Assert.False(Directory.Exists(Path.Combine(data.Folder, "auth")));
    }

    private static ChatSphereTopology Topology(string dataPath, string? postgres) => ChatSphereTopology.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ChatSphere:DataPath"] = dataPath, ["ConnectionStrings:Postgres"] = postgres })
        .Build());
}
