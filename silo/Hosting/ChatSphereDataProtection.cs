using System.Security.Cryptography.X509Certificates;
using ChatSphere.Grains.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Silo.Hosting;

public static class ChatSphereDataProtection
{
    /// <summary>Redis key where the cluster shape kept its key ring before it moved to PostgreSQL (read once, to import).</summary>
    public const string RedisKey = "chatsphere:data-protection-keys";

    /// <summary>
    /// One key ring for every process of a deployment, so a visitor token or an encrypted secret written by one node reads
    /// on all: in PostgreSQL in the cluster shape (<see cref="PostgresKeyRing"/>: in the database's backups, and safe from
    /// a Redis restart), else in <c>ChatSphere:KeysPath</c> (default <c>&lt;DataPath&gt;/keys</c>). With
    /// <c>ChatSphere:DataProtection:CertificatePath</c> (a PKCS#12 file, password in
    /// <c>ChatSphere:DataProtection:CertificatePassword</c>) the keys are themselves encrypted at rest.
    /// </summary>
    public static IDataProtectionBuilder AddChatSphereDataProtection(
        this IServiceCollection services, IConfiguration configuration, ChatSphereTopology topology)
    {
        var keys = services.AddDataProtection().SetApplicationName("ChatSphere");
        if (topology.Database.Provider == DatabaseProvider.Postgres)
        {
            var ring = new PostgresKeyRing(topology.Database.ConnectionString, topology.RedisConnectionString);
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = ring);
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
