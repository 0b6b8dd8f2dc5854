using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AiMass.Kernels;
using AiMass.Seed.Hosting;
using AiMass.Seed.Tests.Data;

namespace AiMass.Seed.Tests.Hosting;

public sealed class ClusterCredentialsTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly X509Certificate2 _authority = TestCertificates.Authority();

    public void Dispose()
    {
        _authority.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void The_make_certs_folder_layout_loads_with_the_key_and_the_CA()
    {
        using var node = TestCertificates.Node(_authority);
        TestCertificates.WriteFolder(_files.Directory, _authority, node);

        using var credentials =
            ClusterCredentials.Load(new NodeTlsSettings { CertificateDirectory = _files.Directory });

        Assert.True(credentials.Certificate.HasPrivateKey);
        Assert.Equal(node.Thumbprint, credentials.Certificate.Thumbprint);
        Assert.Equal(_authority.Thumbprint, credentials.Authority.Thumbprint);
    }

    [Fact]
    public void A_pfx_opens_with_its_password_from_a_file()
    {
        using var node = TestCertificates.Node(_authority);
        var pfx = _files.Bytes("node.pfx", node.Export(X509ContentType.Pkcs12, "s3cret"));
        var ca = _files.Text("ca.crt", _authority.ExportCertificatePem());

        using var credentials = ClusterCredentials.Load(new NodeTlsSettings
        {
            Certificate = pfx, CaCertificate = ca, PasswordFile = _files.Text("password", "s3cret\n"),
        });

        Assert.True(credentials.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_pfx_with_the_wrong_password_is_one_message_naming_the_file_and_the_remedy()
    {
        using var node = TestCertificates.Node(_authority);
        var pfx = _files.Bytes("node.pfx", node.Export(X509ContentType.Pkcs12, "s3cret"));

        var e = Load(new NodeTlsSettings
        {
            Certificate = pfx, CaCertificate = _files.Text("ca.crt", _authority.ExportCertificatePem()),
            Password = "wrong",
        });

        Assert.StartsWith($"cannot open the TLS certificate {pfx}: wrong password or not a PKCS#12 file", e.Message);
        Assert.EndsWith("give the password with --tls-password-file or AIMASS_TLS_PASSWORD.", e.Message);
    }

    [Fact]
    public void A_missing_certificate_names_the_file_and_how_to_make_one()
    {
        _files.Text("ca.crt", _authority.ExportCertificatePem());

        var e = Load(new NodeTlsSettings { CertificateDirectory = _files.Directory });

        Assert.Equal(
            $"TLS certificate {_files.PathOf("node.crt")} does not exist; fix --tls-cert " +
            "(deploy/make-certs.sh DIR creates them).", e.Message);
    }

    [Fact]
    public void A_certificate_without_a_CA_to_check_peers_against_is_refused()
    {
        using var node = TestCertificates.Node(_authority);
        TestCertificates.WriteNode(_files.Directory, node, "node");

        var e = Load(new NodeTlsSettings { Certificate = _files.PathOf("node.crt"), Key = _files.PathOf("node.key") });

        Assert.StartsWith("TLS needs the cluster CA certificate", e.Message);
    }

    [Fact]
    public void A_key_that_is_not_the_certificates_is_refused()
    {
        using var node = TestCertificates.Node(_authority);
        using var other = TestCertificates.Node(_authority, "other");
        TestCertificates.WriteFolder(_files.Directory, _authority, node);
        TestCertificates.WriteNode(_files.Directory, other, "other");

        var e = Load(new NodeTlsSettings
        {
            CertificateDirectory = _files.Directory, Certificate = _files.PathOf("node.crt"),
            Key = _files.PathOf("other.key"),
        });

        Assert.StartsWith($"cannot load the TLS certificate {_files.PathOf("node.crt")} with the key", e.Message);
    }

    [Fact]
    public void A_node_certificate_of_another_CA_is_refused_before_the_node_starts()
    {
        using var other = TestCertificates.Authority("Other CA");
        using var node = TestCertificates.Node(other);
        TestCertificates.WriteFolder(_files.Directory, _authority, node);

        var e = Load(new NodeTlsSettings { CertificateDirectory = _files.Directory });

        Assert.Contains("is not signed by the cluster CA", e.Message);
        Assert.EndsWith("(deploy/make-certs.sh DIR creates them).", e.Message);
    }

    [Fact]
    public void A_node_certificate_given_as_the_CA_is_refused()
    {
        using var node = TestCertificates.Node(_authority);
        TestCertificates.WriteFolder(_files.Directory, _authority, node);

        var e = Load(new NodeTlsSettings
        {
            CertificateDirectory = _files.Directory, CaCertificate = _files.PathOf("node.crt"),
        });

        Assert.StartsWith($"TLS CA certificate {_files.PathOf("node.crt")} is not a CA certificate", e.Message);
    }

    [Fact]
    public void An_encrypted_key_opens_with_its_password()
    {
        using var node = TestCertificates.Node(_authority);
        TestCertificates.WriteFolder(_files.Directory, _authority, node);
        using var key = node.GetECDsaPrivateKey()!;
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem(
            "pass phrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
        File.WriteAllText(_files.PathOf("node.key"), encrypted);

        var without = Load(new NodeTlsSettings { CertificateDirectory = _files.Directory });
        using var with = ClusterCredentials.Load(
            new NodeTlsSettings { CertificateDirectory = _files.Directory, Password = "pass phrase" });

        Assert.Contains("encrypted: give --tls-password-file or AIMASS_TLS_PASSWORD", without.Message);
        Assert.True(with.Certificate.HasPrivateKey);
    }

    private static InvalidInputException Load(NodeTlsSettings tls) =>
        Assert.Throws<InvalidInputException>(() => ClusterCredentials.Load(tls).Dispose());
}
