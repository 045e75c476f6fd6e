using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// Optional mutual TLS on the Orleans ports (silo-to-silo and client-to-gateway): <c>Orleans:Tls:CertificatePath</c>
/// (a PKCS#12 file with its private key) and <c>Orleans:Tls:CertificatePassword</c>. Every silo and every API node of
/// one cluster uses the same certificate; a connection is accepted only from a peer presenting a certificate with the
/// same public key, so a process without it can neither join the cluster nor call grains through a gateway.
/// </summary>
public static class ClusterTls
{
    public const string Section = "Orleans:Tls";

    /// <summary>The cluster certificate, or null when TLS is not configured. Throws <see cref="InvalidOperationException"/>
    /// (a start-up error) when the file is missing, unreadable or has no private key.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[$"{Section}:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath '{path}' could not be read as a PKCS#12 certificate with {Section}:CertificatePassword.", e);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{Section}:CertificatePath '{path}' holds no private key.");
    }

    /// <summary>Both sides present the certificate and require the other's; the peer's must carry the same public key.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        options.LocalCertificate = certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Gateways too: a client (an API node) without the certificate is refused at the handshake.
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => IsClusterCertificate(remote, certificate);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    /// <summary>The peer's certificate is ours when it carries our public key (self-signed cluster certificates have no chain to check).</summary>
    internal static bool IsClusterCertificate(X509Certificate2? remote, X509Certificate2 local) =>
        remote is not null && remote.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(local.PublicKey.EncodedKeyValue.RawData);
}
