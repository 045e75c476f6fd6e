using System.Security.Cryptography;
using ChatSphere.Silo.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Api.Auth;

/// <summary>
/// The access-token signing key: <c>ChatSphere:Auth:SigningKey</c> (base64) when set. Otherwise, in the embedded shape
/// only, a random key made on the first run and kept in the data folder (<c>auth/jwt-signing.key</c>, owner-only), so
/// tokens survive a restart. A cluster without a configured key refuses to start: its API nodes must share one.
/// </summary>
public static class SigningKeys
{
    public const int MinBytes = 32;

    public static SymmetricSecurityKey Resolve(TokenOptions options, ChatSphereTopology topology)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return new SymmetricSecurityKey(Decode(options.SigningKey));
        }

        if (topology.IsCluster)
        {
            throw new InvalidOperationException(
                "ChatSphere:Auth:SigningKey (base64, at least 32 bytes) is required in the cluster shape: every API node must sign and check access tokens with the same key.");
        }

        return new SymmetricSecurityKey(LoadOrCreate(Path.Combine(topology.DataPath, "auth", "jwt-signing.key")));
    }

    private static byte[] Decode(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("ChatSphere:Auth:SigningKey must be base64.", e);
        }

        return key.Length >= MinBytes ? key : throw new InvalidOperationException($"ChatSphere:Auth:SigningKey must be at least {MinBytes} bytes.");
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }

        try
        {
            // Two processes starting on one folder at once: the first rename wins and both read the winner.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return Decode(File.ReadAllText(path));
    }
}
