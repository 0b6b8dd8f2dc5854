using System.Net.Security;
using Akka.Event;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;
using AiMass.Kernels.Input;

namespace AiMass.Seed.Hosting;

/// <summary>
/// Accepts a TLS peer only if its certificate chains to the cluster's own CA. The system's trusted roots play no
/// part: a certificate from a public CA, valid for any host, is refused. Host names are not checked — nodes are
/// peers reached by IP or container name, and holding a key the cluster CA certified is the identity.
/// </summary>
public static class ClusterCertificateValidator
{
    /// <summary>The callback Akka's TLS transport calls on both ends of every connection.</summary>
    public static CertificateValidationCallback Create(X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return (certificate, chain, peer, errors, log) =>
        {
            var problem = (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0 || certificate is null
                ? "it presented no certificate"
                : Problem(certificate, chain, authority);
            if (problem is null)
            {
                return true;
            }

            log.Warning("Refused the TLS peer {0}: {1}", peer, problem);
            return false;
        };
    }

    /// <summary>
    /// Null if <paramref name="certificate"/> chains to <paramref name="authority"/> and is valid now; else what is
    /// wrong. Intermediate certificates the peer sent (<paramref name="presented"/>) may complete the chain, but
    /// only <paramref name="authority"/> is trusted as its root.
    /// </summary>
    public static string? Problem(X509Certificate2 certificate, X509Chain? presented, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // A private CA publishes no revocation lists; rotating the CA is the way to revoke (docs/SECURITY.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            for (var i = 1; i < presented.ChainElements.Count; i++)
            {
                chain.ChainPolicy.ExtraStore.Add(presented.ChainElements[i].Certificate);
            }
        }

        if (!chain.Build(certificate))
        {
            var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
            return $"certificate {Excerpt.Of(certificate.Subject, 200)} (issuer " +
                $"{Excerpt.Of(certificate.Issuer, 200)}) is not signed by the cluster CA '{authority.Subject}' or " +
                $"not valid now ({string.Join(", ", statuses)})";
        }

        var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span)
            ? null
            : $"certificate {Excerpt.Of(certificate.Subject, 200)} chains to {Excerpt.Of(root.Subject, 200)}, not to " +
                "the cluster CA";
    }
}
