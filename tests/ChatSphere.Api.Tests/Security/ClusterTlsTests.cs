using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatSphere.GrainInterfaces;
using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, suspected item (Orleans ports): with <c>Orleans:Tls</c> set, the silo's gateway talks only to clients
/// presenting the cluster certificate.</summary>
public sealed class ClusterTlsTests
{
    private const string Password = "cluster-cert-password";

    [Fact]
    public async Task A_client_with_the_cluster_certificate_calls_grains_and_one_without_it_or_with_another_cannot()
    {
        using var data = new TestSqlite();
        var certificate = WriteCertificate(data.Folder, "cluster.pfx");
        var stranger = WriteCertificate(data.Folder, "stranger.pfx");
        var gatewayPort = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var api = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["Orleans:GatewayPort"] = gatewayPort,
            ["Orleans:Tls:CertificatePath"] = certificate,
            ["Orleans:Tls:CertificatePassword"] = Password,
        });

        using (var trusted = await StartClientAsync(data.Folder, gatewayPort, certificate))
        {
            await trusted.Services.GetRequiredService<IClusterClient>().GetGrain<IHealthGrain>(0).CheckDatabaseAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAndCallAsync(data.Folder, gatewayPort, certificate: null));
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAndCallAsync(data.Folder, gatewayPort, stranger));
    }

    [Fact]
    public void A_configured_certificate_that_cannot_be_read_stops_the_start()
    {
        using var data = new TestSqlite();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Tls:CertificatePath"] = Path.Combine(data.Folder, "missing.pfx"),
        }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => ClusterTls.Load(configuration));
        Assert.Contains("Orleans:Tls:CertificatePath", refused.Message);
        Assert.Null(ClusterTls.Load(new ConfigurationBuilder().Build()));
    }

    private static async Task ConnectAndCallAsync(string dataPath, string gatewayPort, string? certificate)
    {
        using var client = await StartClientAsync(dataPath, gatewayPort, certificate, TimeSpan.FromSeconds(15));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.Services.GetRequiredService<IClusterClient>().GetGrain<IHealthGrain>(0).CheckDatabaseAsync().WaitAsync(timeout.Token);
    }

    /// <summary>An Orleans client as an API node in client mode builds it, on the embedded silo's gateway.</summary>
    private static async Task<IHost> StartClientAsync(string dataPath, string gatewayPort, string? certificate, TimeSpan? startTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatSphere:DataPath"] = dataPath,
            ["Orleans:GatewayPort"] = gatewayPort,
            ["Orleans:Tls:CertificatePath"] = certificate,
            ["Orleans:Tls:CertificatePassword"] = certificate is null ? null : Password,
        });
        builder.AddChatSphereClient();
        var host = builder.Build();
        try
        {
            // A refused handshake is retried until the start gives up.
            using var timeout = new CancellationTokenSource(startTimeout ?? TimeSpan.FromSeconds(60));
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>A self-signed certificate for server and client authentication, as a password-protected PKCS#12 file.</summary>
    private static string WriteCertificate(string folder, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=chatsphere-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
