namespace AiMass.Seed.Hosting;

/// <summary>
/// TLS of Akka remoting: the "AiMass:Tls" section of appsettings.json, <c>AIMASS_TLS_*</c> variables, then
/// <c>--tls-*</c> flags. TLS is on when a certificate is configured (there is no TLS without one); every peer must
/// then present a certificate signed by <see cref="CaCertificate"/>, the cluster's private CA.
/// </summary>
public sealed record NodeTlsSettings
{
    /// <summary>Output folder of <c>deploy/make-certs.sh</c>: its ca.crt, node.crt and node.key are the defaults
    /// of <see cref="CaCertificate"/>, <see cref="Certificate"/> and <see cref="Key"/>.</summary>
    public string? CertificateDirectory { get; init; }

    /// <summary>This node's certificate: PKCS#12 (<c>.pfx</c>/<c>.p12</c>, key inside) or PEM.</summary>
    public string? Certificate { get; init; }

    /// <summary>The PEM private key of a PEM <see cref="Certificate"/>; null: it is in the certificate file.</summary>
    public string? Key { get; init; }

    /// <summary>The cluster CA's certificate (PEM or DER): peers must present a certificate it signed.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>A file whose first line is the password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>The password itself (<c>AIMASS_TLS_PASSWORD</c>); wins over <see cref="PasswordFile"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Whether inbound connections must present a client certificate (mutual TLS; on by default).</summary>
    public bool RequireMutualAuthentication { get; init; } = true;

    /// <summary>True when a certificate is configured: remoting then runs over TLS only.</summary>
    public bool Enabled => CertificatePath is not null;

    /// <summary>The node certificate's path: <see cref="Certificate"/>, else <c>node.crt</c> in the folder.</summary>
    public string? CertificatePath => Certificate ?? InFolder("node.crt");

    /// <summary>The private key's path: <see cref="Key"/>, else <c>node.key</c> in the folder when the
    /// certificate also comes from it; null when the key is inside the certificate file.</summary>
    public string? KeyPath => Key ?? (Certificate is null ? InFolder("node.key") : null);

    /// <summary>The CA certificate's path: <see cref="CaCertificate"/>, else <c>ca.crt</c> in the folder.</summary>
    public string? CaPath => CaCertificate ?? InFolder("ca.crt");

    /// <summary>The paths, never the password.</summary>
    public override string ToString() =>
        Enabled ? $"TLS (certificate {CertificatePath}, CA {CaPath}, mutual {RequireMutualAuthentication})" : "no TLS";

    private string? InFolder(string name) =>
        string.IsNullOrWhiteSpace(CertificateDirectory) ? null : Path.Combine(CertificateDirectory, name);
}
