using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatSphere.Silo.Hosting;

public static class ChatSphereDataProtection
{
    /// <summary>Redis key of the shared key ring in the cluster shape.</summary>
    public const string RedisKey = "chatsphere:data-protection-keys";

    /// <summary>
    /// One key ring for every process of a deployment, so a visitor token or an encrypted secret written by one node reads
    /// on all: in Redis when <c>ConnectionStrings:Redis</c> is set, else in <c>ChatSphere:KeysPath</c> (default
    /// <c>&lt;DataPath&gt;/keys</c>, a shared volume when several nodes run without Redis). With
    /// <c>ChatSphere:DataProtection:CertificatePath</c> (a PKCS#12 file, password in
    /// <c>ChatSphere:DataProtection:CertificatePassword</c>) the keys are themselves encrypted at rest.
    /// </summary>
    public static IDataProtectionBuilder AddChatSphereDataProtection(
        this IServiceCollection services, IConfiguration configuration, ChatSphereTopology topology)
    {
        var keys = services.AddDataProtection().SetApplicationName("ChatSphere");
        if (topology.RedisConnectionString is { } redis)
        {
            var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redis));
            keys.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), RedisKey);
        }
        else
        {
            var path = configuration["ChatSphere:KeysPath"] is { Length: > 0 } configured ? configured : Path.Combine(topology.DataPath, "keys");
            keys.PersistKeysToFileSystem(new DirectoryInfo(path));
        }

        if (configuration["ChatSphere:DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["ChatSphere:DataProtection:CertificatePassword"]));
        }

        return keys;
    }
}
