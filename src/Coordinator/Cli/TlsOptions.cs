using System.CommandLine;
using AiMass.Seed.Hosting;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// The TLS flags every node command takes (docs/SECURITY.md). A certificate (from <c>--tls-cert</c> or
/// <c>--tls-dir</c>) turns TLS on; peers must then present a certificate signed by the <c>--tls-ca</c> CA.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>--tls-dir.</summary>
    public Option<string?> Directory { get; } = new("--tls-dir")
    {
        Description = "Folder from deploy/make-certs.sh (ca.crt, node.crt, node.key): turns TLS on",
    };

    /// <summary>--tls-cert.</summary>
    public Option<string?> Certificate { get; } = new("--tls-cert")
    {
        Description = "This node's certificate, .pfx/.p12 or PEM (default DIR/node.crt): turns TLS on",
    };

    /// <summary>--tls-key.</summary>
    public Option<string?> Key { get; } = new("--tls-key")
    {
        Description = "PEM private key of a PEM --tls-cert (default DIR/node.key, or inside the certificate file)",
    };

    /// <summary>--tls-ca.</summary>
    public Option<string?> Authority { get; } = new("--tls-ca")
    {
        Description = "The cluster CA certificate; peers must present a certificate it signed (default DIR/ca.crt)",
    };

    /// <summary>--tls-password-file.</summary>
    public Option<string?> PasswordFile { get; } = new("--tls-password-file")
    {
        Description = "File whose first line is the .pfx or encrypted key password (or set AIMASS_TLS_PASSWORD)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Directory, Certificate, Key, Authority, PasswordFile })
        {
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="tls"/> (from appsettings.json and AIMASS_TLS_*) with the flags on top.</summary>
    public NodeTlsSettings Resolve(ParseResult parse, NodeTlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(tls);
        return tls with
        {
            CertificateDirectory = parse.GetValue(Directory) ?? tls.CertificateDirectory,
            Certificate = parse.GetValue(Certificate) ?? tls.Certificate,
            Key = parse.GetValue(Key) ?? tls.Key,
            CaCertificate = parse.GetValue(Authority) ?? tls.CaCertificate,
            PasswordFile = parse.GetValue(PasswordFile) ?? tls.PasswordFile,
        };
    }
}
