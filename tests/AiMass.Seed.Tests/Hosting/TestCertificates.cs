using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiMass.Seed.Tests.Hosting;

/// <summary>
/// A private CA and node certificates made with System.Security.Cryptography (EC P-256), the shapes
/// deploy/make-certs.sh makes with openssl, for tests that must run where openssl is not installed.
/// </summary>
public static class TestCertificates
{
    /// <summary>A self-signed CA (basicConstraints CA:TRUE) with its private key.</summary>
    public static X509Certificate2 Authority(string name = "AiMass test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"O=AiMass, CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    /// <summary>A node certificate with its key, signed by <paramref name="authority"/>, valid in the given window
    /// (default: from yesterday for a year), for TLS servers and clients, SANs localhost and 127.0.0.1.</summary>
    public static X509Certificate2 Node(
        X509Certificate2 authority, string name = "aimass-node", DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"O=AiMass, CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(
            authority, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes what make-certs.sh writes for one node: DIR/ca.crt, DIR/NAME.crt, DIR/NAME.key (PEM).</summary>
    public static string WriteFolder(
        string folder, X509Certificate2 authority, X509Certificate2 node, string name = "node")
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(node);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ca.crt"), authority.ExportCertificatePem());
        WriteNode(folder, node, name);
        return folder;
    }

    /// <summary>Writes DIR/NAME.crt and DIR/NAME.key (unencrypted PKCS#8 PEM).</summary>
    public static void WriteNode(string folder, X509Certificate2 node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        File.WriteAllText(Path.Combine(folder, $"{name}.crt"), node.ExportCertificatePem());
        using var key = node.GetECDsaPrivateKey()!;
        File.WriteAllText(Path.Combine(folder, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A cluster's files in <paramref name="folder"/>: a new CA and one shared node certificate.</summary>
    public static string NewClusterFolder(string folder)
    {
        using var authority = Authority();
        using var node = Node(authority);
        return WriteFolder(folder, authority, node);
    }
}
