using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AiMass.Kernels;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Hosting;

/// <summary>
/// A node's TLS identity, loaded and checked before the node starts: its certificate with the private key, and the
/// cluster CA that every peer's certificate must chain to. Every problem is an <see cref="InvalidInputException"/>
/// naming the file and the remedy (exit code 2).
/// </summary>
public sealed class ClusterCredentials : IDisposable
{
    private const string MakeCerts = "deploy/make-certs.sh DIR creates them";

    private ClusterCredentials(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The cluster CA.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>Loads and checks the files <paramref name="tls"/> names (TLS must be enabled).</summary>
    public static ClusterCredentials Load(NodeTlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var certificatePath = tls.CertificatePath
            ?? throw new InvalidInputException("TLS is off: no --tls-cert or --tls-dir given.");
        var caPath = tls.CaPath ?? throw new InvalidInputException(
            $"TLS needs the cluster CA certificate that signed {certificatePath}: give --tls-ca FILE " +
            $"(or --tls-dir DIR with ca.crt; {MakeCerts}).");
        var authority = LoadAuthority(caPath);
        try
        {
            var certificate = LoadCertificate(certificatePath, tls.KeyPath, ReadPassword(tls));
            var problem = ClusterCertificateValidator.Problem(certificate, null, authority);
            if (problem is not null)
            {
                certificate.Dispose();
                throw new InvalidInputException(
                    $"TLS certificate {certificatePath}: {problem}; issue it from the CA {caPath} ({MakeCerts}).");
            }

            return new ClusterCredentials(certificate, authority);
        }
        catch
        {
            authority.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        Authority.Dispose();
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        CheckReadable(path, "TLS CA certificate", "--tls-ca");
        X509Certificate2 authority;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new InvalidInputException(
                $"TLS CA certificate {path} is not a PEM or DER certificate ({e.Message}); give the CA's ca.crt.", e);
        }

        if (authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not
            { CertificateAuthority: true })
        {
            authority.Dispose();
            throw new InvalidInputException(
                $"TLS CA certificate {path} is not a CA certificate (no basicConstraints CA:TRUE); give the CA's " +
                $"ca.crt, not a node certificate.");
        }

        return authority;
    }

    private static X509Certificate2 LoadCertificate(string path, string? keyPath, string? password)
    {
        CheckReadable(path, "TLS certificate", "--tls-cert");
        var pkcs12 = Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";
        if (!pkcs12 && keyPath is not null)
        {
            CheckReadable(keyPath, "TLS private key", "--tls-key");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = pkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : password is null
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // A key of another certificate is an ArgumentException ("the public key does not match").
            throw new InvalidInputException(pkcs12
                ? $"cannot open the TLS certificate {path}: wrong password or not a PKCS#12 file ({e.Message}); " +
                  "give the password with --tls-password-file or AIMASS_TLS_PASSWORD."
                : $"cannot load the TLS certificate {path} with the key {keyPath ?? path} ({e.Message}); the key " +
                  "must be that certificate's PEM key (encrypted: give --tls-password-file or AIMASS_TLS_PASSWORD).",
                e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidInputException(
                $"TLS certificate {path} has no private key; give its key with --tls-key FILE or use a .pfx.");
        }

        return certificate;
    }

    private static string? ReadPassword(NodeTlsSettings tls)
    {
        if (!string.IsNullOrEmpty(tls.Password) || string.IsNullOrWhiteSpace(tls.PasswordFile))
        {
            return string.IsNullOrEmpty(tls.Password) ? null : tls.Password;
        }

        CheckReadable(tls.PasswordFile, "TLS password file", "--tls-password-file");
        using var reader = new StreamReader(tls.PasswordFile);
        var password = reader.ReadLine() ?? "";
        SecretValues.Register(password);
        return password;
    }

    private static void CheckReadable(string path, string what, string flag)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{what} {path} does not exist; fix {flag} ({MakeCerts}).");
        }

        try
        {
            using var probe = File.OpenRead(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidInputException(
                $"cannot read the {what} {path} (permission denied); run the node as the file's owner.", e);
        }
    }
}
